package io.switchboard.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxSettings {

    /** CloudEvents {@code source} of every event this service publishes. */
    String source();

    /** Rows published per transaction. */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it (a safety net: commits wake it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long to wait for Kafka to acknowledge a batch before trying again. */
    @WithDefault("30s")
    Duration sendTimeout();
}
