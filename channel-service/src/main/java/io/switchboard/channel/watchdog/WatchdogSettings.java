package io.switchboard.channel.watchdog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Thresholds of the transitions the service drives itself (docs/product/channel-statuses.md: take-over, flaps, stuck,
 * phone, QR). The timers that fire them are set in {@link io.switchboard.channel.timer.TimerSettings}, under the same
 * prefix.
 */
@ConfigMapping(prefix = "switchboard.watchdog")
public interface WatchdogSettings {

    /** Automatic "Enable here" attempts after a conflict before the channel is OPENED_ELSEWHERE. */
    @WithDefault("3")
    int takeoverAttempts();

    /** Wait before the second attempt; it doubles for each further one. */
    @WithDefault("2s")
    Duration takeoverBackoff();

    /** STARTING for longer than this is stuck: announced, and the provider session restarted once. */
    @WithDefault("50s")
    Duration stuckAfter();

    /** This many reconnect cycles (ACTIVE back to STARTING) within the window mark the channel unstable. */
    @WithDefault("3")
    int flapCycles();

    @WithDefault("15m")
    Duration flapWindow();

    /** An unstable channel is stable again after this long without a reconnect cycle. */
    @WithDefault("30m")
    Duration unstableQuietPeriod();

    /** After the phone is back online the channel should be ACTIVE within this; later is announced as overdue. */
    @WithDefault("3m")
    Duration phoneReturnWithin();
}
