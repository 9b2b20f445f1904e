package io.switchboard.queue.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.testkit.kafka.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the dispatcher counts a Cloud API number's new conversations against, from its status events. */
class ConversationLimitTest {

    @Test
    void metasTierIsTheLimitARestrictionOfBusinessInitiatedMessagingIsZeroAndNoTierIsNoLimit() {
        assertThat(ChannelStatusConsumer.conversationLimit(event(standing(MessagingLimit.TIER_1K, null))))
                .isEqualTo(1_000);
        assertThat(ChannelStatusConsumer.conversationLimit(
                        event(standing(MessagingLimit.TIER_1K, MessagingRestriction.BUSINESS_INITIATED))))
                .isZero();
        assertThat(ChannelStatusConsumer.conversationLimit(event(standing(MessagingLimit.TIER_UNLIMITED, null))))
                .isNull();
        assertThat(ChannelStatusConsumer.conversationLimit(event(standing(MessagingLimit.TIER_NOT_SET, null))))
                .isNull();
        assertThat(ChannelStatusConsumer.conversationLimit(event(standing(null, null))))
                .isNull();
        assertThat(ChannelStatusConsumer.conversationLimit(event(null))).isNull();
    }

    private static CloudStanding standing(MessagingLimit limit, MessagingRestriction restriction) {
        return new CloudStanding(null, limit, restriction, restriction == null ? null : Instant.now(), null);
    }

    private static ChannelStatusChanged event(CloudStanding cloud) {
        return TestEvents.withCloud(
                TestEvents.statusChanged("acme", "c1", null, ChannelStatus.ACTIVE, 1, ChannelKind.CLOUD_API), cloud);
    }
}
