package io.switchboard.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the platform's consumers read their topics and retry what failed. */
@ConfigMapping(prefix = "switchboard.consumers")
public interface ConsumerSettings {

    /** Kafka consumer group of every consumer of the service; replicas share it, so they share the partitions. */
    @WithDefault("${quarkus.application.name}")
    String groupId();

    /**
     * Threads per consumer, each a Kafka consumer of the group with partitions of its own: partitions are applied in
     * parallel, each in order. More threads than partitions (summed over replicas) stay idle.
     */
    @WithDefault("1")
    int concurrency();

    /** Records per poll; one partition's records of a poll are applied in one transaction. */
    @WithDefault("500")
    int maxPollRecords();

    /**
     * Once records have come, how long the consumer keeps polling to fill its batch (up to {@link #maxPollRecords()})
     * before applying it: under load a transaction takes many events; an event waits at most this long. Longer means
     * fewer, larger transactions. A quiet topic costs nothing: the consumer waits in one long poll.
     */
    @WithDefault("20ms")
    Duration batchLinger();

    /**
     * Wait before the first retry of a batch that failed for a passing reason; doubles up to
     * {@link #retryMaxBackoff()}.
     */
    @WithDefault("100ms")
    Duration retryInitialBackoff();

    @WithDefault("30s")
    Duration retryMaxBackoff();

    /** Time limit of one attempt (its transaction); retries go on without a limit. */
    @WithDefault("30s")
    Duration attemptTimeout();

    /**
     * Attempts of a record that fails for a reason that does not pass by itself (data the database refuses, a
     * constraint, the handler's own exception) before it goes to the dead-letter topic; a failure of the
     * infrastructure is retried without a limit and does not count.
     */
    @WithDefault("5")
    int deadLetterAfter();

    /**
     * A partition failing for longer than this is reported stalled (health data, the
     * {@code switchboard_consumer_stalled_partitions} gauge and its alert). Readiness stays UP: one partition's
     * failure does not take the service's API out of service.
     */
    @WithDefault("60s")
    Duration stalledAfter();

    /**
     * How long applied event ids are kept to recognise redeliveries; longer than the topics' retention (7 days by
     * default), since Kafka cannot redeliver a record it no longer has.
     */
    @WithDefault("P8D")
    Duration dedupeRetention();

    /** How often the dedupe log is pruned. */
    @WithDefault("1h")
    Duration pruneEvery();

    /** Per consumer name: overrides of the settings above. */
    Map<String, PerConsumer> consumer();

    interface PerConsumer {
        Optional<Integer> concurrency();

        Optional<Integer> maxPollRecords();

        Optional<Duration> batchLinger();
    }

    default int concurrencyOf(String name) {
        return Optional.ofNullable(consumer().get(name))
                .flatMap(PerConsumer::concurrency)
                .orElse(concurrency());
    }

    default Duration batchLingerOf(String name) {
        return Optional.ofNullable(consumer().get(name))
                .flatMap(PerConsumer::batchLinger)
                .orElse(batchLinger());
    }

    default int maxPollRecordsOf(String name) {
        return Optional.ofNullable(consumer().get(name))
                .flatMap(PerConsumer::maxPollRecords)
                .orElse(maxPollRecords());
    }
}
