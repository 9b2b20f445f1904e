package io.switchboard.queue.dispatch;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.queue.account.AccountSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ban safety: the gap before a channel's next send. WhatsApp Web channels keep a least gap between sends, and a
 * random one (from the account's range) while a backlog released after a reconnect goes out; Cloud API channels keep
 * a rate.
 */
final class Pacer {

    private Pacer() {}

    /** @param backlog the next message belongs to a released backlog */
    static Duration gap(ChannelKind kind, AccountSettings settings, boolean backlog) {
        if (kind == ChannelKind.CLOUD_API) {
            return settings.cloudApiRate() <= 0
                    ? Duration.ZERO
                    : Duration.ofNanos(1_000_000_000L / settings.cloudApiRate());
        }
        Duration least = settings.minGap();
        if (!backlog) {
            return least;
        }
        long low = Math.max(least.toMillis(), settings.backlogGapMin().toMillis());
        long high = Math.max(low, settings.backlogGapMax().toMillis());
        return Duration.ofMillis(low == high ? low : ThreadLocalRandom.current().nextLong(low, high + 1));
    }

    /** How many messages one run takes: as many as it starts within the horizon, at least one, at most a batch. */
    static int claimSize(ChannelKind kind, AccountSettings settings, boolean backlog, DispatchSettings dispatch) {
        Duration least = kind == ChannelKind.CLOUD_API
                ? gap(kind, settings, false)
                : backlog
                        ? Duration.ofMillis(Math.max(
                                settings.minGap().toMillis(),
                                settings.backlogGapMin().toMillis()))
                        : settings.minGap();
        if (least.isZero()) {
            return dispatch.batchSize();
        }
        long fits = dispatch.claimHorizon().toNanos() / least.toNanos();
        return (int) Math.max(1, Math.min(dispatch.batchSize(), fits));
    }
}
