package io.switchboard.queue.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.ReleaseMode;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ban safety on its own: the gaps between a channel's sends. */
@Tag("fast")
class PacerTest {

    private static final AccountSettings SETTINGS = new AccountSettings(
            ReleaseMode.AUTO,
            Duration.ofDays(1),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            Duration.ofSeconds(6),
            20,
            Map.<ChannelStatus, SendPolicy>of());

    @Test
    void aWebChannelKeepsItsLeastGapBetweenSends() {
        assertThat(Pacer.gap(ChannelKind.WEB_SESSION, SETTINGS, false)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aReleasedBacklogGoesOutAtRandomGapsWithinTheAccountsRange() {
        var gaps = IntStream.range(0, 300)
                .mapToObj(i -> Pacer.gap(ChannelKind.WEB_SESSION, SETTINGS, true))
                .toList();
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6)));
        assertThat(gaps.stream().distinct().count()).as("not in step").isGreaterThan(50);
    }

    @Test
    void theBacklogRangeNeverGoesBelowTheLeastGap() {
        AccountSettings tight = new AccountSettings(
                ReleaseMode.AUTO,
                Duration.ofDays(1),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                20,
                Map.<ChannelStatus, SendPolicy>of());
        assertThat(Pacer.gap(ChannelKind.WEB_SESSION, tight, true)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aCloudApiChannelKeepsItsRateBacklogOrNot() {
        assertThat(Pacer.gap(ChannelKind.CLOUD_API, SETTINGS, false)).isEqualTo(Duration.ofMillis(50));
        assertThat(Pacer.gap(ChannelKind.CLOUD_API, SETTINGS, true)).isEqualTo(Duration.ofMillis(50));
    }
}
