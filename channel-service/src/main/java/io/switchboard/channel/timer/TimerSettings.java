package io.switchboard.channel.timer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the channel timers are run. The prefix is the watchdog's, whose transitions they fire, so the settings keep
 * their documented names.
 */
@ConfigMapping(prefix = "switchboard.watchdog")
public interface TimerSettings {

    /** How often due timers are looked for. */
    @WithDefault("1s")
    Duration tick();

    /** Wait before retrying a timer that failed (its provider call got no answer); doubles up to the maximum. */
    @WithDefault("1s")
    Duration retryInitialBackoff();

    @WithDefault("5m")
    Duration retryMaxBackoff();

    /** Provider calls of timers made at once (each on a worker, no lock held). */
    @WithDefault("4")
    int callThreads();

    /** A timer whose call is being made is not fired again for this long (longer than the call's time-out). */
    @WithDefault("1m")
    Duration callLease();
}
