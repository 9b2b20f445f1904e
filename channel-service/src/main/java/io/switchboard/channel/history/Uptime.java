package io.switchboard.channel.history;

import io.switchboard.contracts.channel.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Time ACTIVE within a window, from the history: the status before the window (the last change before it) holds
 * until the first change inside it, and so on up to now.
 *
 * @param activeSeconds seconds the channel was ACTIVE within the window (or since it was created, if later)
 * @param ratio active time over the part of the window the channel existed, 0 to 1
 */
record Uptime(Duration window, long activeSeconds, double ratio) {

    /** @param entries the channel's history, oldest first */
    public static Uptime of(List<StatusHistoryEntry> entries, Duration window, Instant now) {
        Instant windowStart = now.minus(window);
        Instant observedFrom = null;
        ChannelStatus current = null;
        Instant since = windowStart;
        long active = 0;
        for (StatusHistoryEntry entry : entries) {
            if (!entry.occurredAt.isAfter(windowStart)) {
                current = entry.status; // the status the window opens with
                observedFrom = windowStart;
                continue;
            }
            if (observedFrom == null) {
                observedFrom = entry.occurredAt; // created inside the window
            }
            if (current == ChannelStatus.ACTIVE) {
                active += Duration.between(since, entry.occurredAt).toMillis();
            }
            current = entry.status;
            since = entry.occurredAt;
        }
        if (current == ChannelStatus.ACTIVE) {
            active += Duration.between(since, now).toMillis();
        }
        long observed =
                observedFrom == null ? 0 : Duration.between(observedFrom, now).toMillis();
        return new Uptime(window, active / 1000, observed == 0 ? 0 : Math.min(1, (double) active / observed));
    }
}
