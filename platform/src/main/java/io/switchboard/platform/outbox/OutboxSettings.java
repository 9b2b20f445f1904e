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
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it (a safety net: commits wake it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Once a commit woke the relay, how long it waits before it reads: the rows of the commits made meanwhile go out
     * in one batch (one transaction and one round of Kafka acknowledgements instead of one per commit).
     */
    @WithDefault("5ms")
    Duration linger();

    /**
     * How long to wait for Kafka to acknowledge a row before counting it as failed (the producer gives up after 30 s).
     */
    @WithDefault("45s")
    Duration sendTimeout();

    /**
     * Failed attempts after which a row goes to {@code outbox_dead_letter} instead of holding up the rows of its key.
     * Only failures that are the row's own count: Kafka refused that record (too large, no such topic). A failure that
     * passes (a time-out, a partition without enough replicas, Kafka away) is retried for as long as it lasts.
     */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before retrying a failed row; doubles up to {@link #retryMaxBackoff()}. */
    @WithDefault("1s")
    Duration retryInitialBackoff();

    @WithDefault("5m")
    Duration retryMaxBackoff();
}
