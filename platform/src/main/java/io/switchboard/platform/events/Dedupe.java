package io.switchboard.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * How a consumer recognises an event it has applied before (Kafka delivers at least once). The key is recorded in
 * the transaction that applies the event; a later event with the same key is skipped, unless it comes at least
 * {@code repeatAfter} later than the recorded one (then it is a new event that happens to look the same).
 *
 * @param key what identifies the event
 * @param time when the event happened, compared with {@code repeatAfter}
 * @param repeatAfter null: the same key is never applied twice
 */
public record Dedupe<T>(Function<Received<T>, String> key, Function<Received<T>, Instant> time, Duration repeatAfter) {

    /** By CloudEvents id: an id is applied once. */
    public static <T> Dedupe<T> byEventId() {
        return new Dedupe<>(received -> received.event().id(), received -> Instant.now(), null);
    }

    /**
     * By a key taken from the event, applied again only when it comes {@code repeatAfter} or more after the last:
     * e.g. a provider retrying a webhook within minutes is one event, the same body a day later is another.
     */
    public static <T> Dedupe<T> byKeyWithin(
            Function<Received<T>, String> key, Function<Received<T>, Instant> time, Duration repeatAfter) {
        return new Dedupe<>(key, time, repeatAfter);
    }
}
