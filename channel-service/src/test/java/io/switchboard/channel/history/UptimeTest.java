package io.switchboard.channel.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.contracts.channel.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void countsOnlyTheActiveTimeInsideTheWindow() {
        // ACTIVE since two days ago, down (STARTING) for the 6 hours between 12 and 6 hours ago.
        List<StatusHistoryEntry> history = List.of(
                entry(ChannelStatus.ACTIVE, NOW.minus(Duration.ofDays(2))),
                entry(ChannelStatus.STARTING, NOW.minus(Duration.ofHours(12))),
                entry(ChannelStatus.ACTIVE, NOW.minus(Duration.ofHours(6))));
        Uptime day = Uptime.of(history, Duration.ofDays(1), NOW);
        assertThat(day.activeSeconds()).isEqualTo(Duration.ofHours(18).toSeconds());
        assertThat(day.ratio()).isCloseTo(0.75, within(0.0001));
    }

    @Test
    void aChannelCreatedInsideTheWindowIsMeasuredFromItsCreation() {
        List<StatusHistoryEntry> history = List.of(
                entry(ChannelStatus.STARTING, NOW.minus(Duration.ofHours(4))),
                entry(ChannelStatus.ACTIVE, NOW.minus(Duration.ofHours(3))));
        Uptime week = Uptime.of(history, Duration.ofDays(7), NOW);
        assertThat(week.activeSeconds()).isEqualTo(Duration.ofHours(3).toSeconds());
        assertThat(week.ratio()).isCloseTo(0.75, within(0.0001));
    }

    @Test
    void neverActiveIsZero() {
        Uptime day = Uptime.of(
                List.of(entry(ChannelStatus.QR_REQUIRED, NOW.minus(Duration.ofHours(1)))), Duration.ofDays(1), NOW);
        assertThat(day.activeSeconds()).isZero();
        assertThat(day.ratio()).isZero();
    }

    private static StatusHistoryEntry entry(ChannelStatus status, Instant at) {
        StatusHistoryEntry entry = new StatusHistoryEntry();
        entry.status = status;
        entry.occurredAt = at;
        return entry;
    }
}
