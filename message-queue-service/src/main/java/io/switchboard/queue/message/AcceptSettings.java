package io.switchboard.queue.message;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How single-message requests are committed: many concurrent ones share a transaction (a group commit). */
@ConfigMapping(prefix = "switchboard.accept")
public interface AcceptSettings {

    /**
     * Threads that commit groups; each takes every request waiting when it is free, so a quiet service waits for none.
     */
    @WithDefault("2")
    int writers();

    /** Most requests in one transaction. */
    @WithDefault("100")
    int maxGroup();

    /** How long a request waits for its group's commit before it is answered 503. */
    @WithDefault("30s")
    Duration timeout();
}
