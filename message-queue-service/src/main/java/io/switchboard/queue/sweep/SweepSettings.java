package io.switchboard.queue.sweep;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The sweeper: expiry of held messages and the end of a deleted channel's queue. */
@ConfigMapping(prefix = "switchboard.sweep")
public interface SweepSettings {

    /** How often it looks (any replica may; each channel is swept by one at a time). */
    @WithDefault("1s")
    Duration interval();

    /** Messages per transaction. */
    @WithDefault("1000")
    int chunk();

    /** How long a receipt whose message's send is not recorded yet is kept for it. */
    @WithDefault("1h")
    Duration unmatchedReceiptRetention();
}
