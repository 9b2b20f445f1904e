package io.switchboard.queue.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How queued messages are handed to the provider. */
@ConfigMapping(prefix = "switchboard.dispatch")
public interface DispatchSettings {

    /** How often the dispatcher looks for work when nothing woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** A message DISPATCHING for longer than this was abandoned (a crash) and is sent again, same idempotency key. */
    @WithDefault("30s")
    Duration abandonedAfter();

    /** Attempts on provider errors (5xx, timeouts) before the message ends FAILED. */
    @WithDefault("5")
    int maxAttempts();
}
