package io.switchboard.platform.events;

import io.switchboard.contracts.EventStream;
import java.util.Optional;

/**
 * What an {@link EventConsumer} reads and how it recognises redeliveries.
 *
 * @param name the consumer's name: its settings ({@code switchboard.consumers.consumer.<name>.*}), metrics and
 *        dedupe log are keyed by it; unique within a service
 * @param topic the topic it reads; poison records go to {@code <topic>.dlq}
 * @param type the payload type, read from the record value as JSON
 * @param dedupe empty: the consumer needs no log, its handler is idempotent by itself (it compares versions)
 */
public record Subscription<T>(String name, String topic, Class<T> type, Optional<Dedupe<T>> dedupe) {

    /** A consumer of a stream that skips the events it has applied before by their CloudEvents id. */
    public static <P extends Record> Subscription<P> of(String name, EventStream<P> stream) {
        return of(name, stream.topic(), stream.payloadType());
    }

    /** A consumer of a topic no stream declares (a platform test's); services subscribe to their stream. */
    public static <T> Subscription<T> of(String name, String topic, Class<T> type) {
        return new Subscription<>(name, topic, type, Optional.of(Dedupe.byEventId()));
    }

    /**
     * A consumer whose handler ignores an event it has seen by itself (a version no newer than the one it holds),
     * so no dedupe log is written.
     */
    public Subscription<T> versioned() {
        return new Subscription<>(name, topic, type, Optional.empty());
    }

    public Subscription<T> dedupedBy(Dedupe<T> how) {
        return new Subscription<>(name, topic, type, Optional.of(how));
    }
}
