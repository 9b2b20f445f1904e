package io.switchboard.platform.events;

import java.util.List;

/**
 * A service's consumer of one topic. Implement it as an {@code @ApplicationScoped} bean; the platform's
 * {@link ConsumerRuntime} reads the topic and hands the events over in batches, one partition's records in order, in
 * one transaction per batch, with the redeliveries already taken out.
 *
 * <p>Failures: a {@link PoisonEventException} (thrown by the platform for a payload that does not parse, or by the
 * handler for an event that breaks the contract) sends that record to {@code <topic>.dlq}, and the consumer goes
 * on. Any other exception rolls the batch back and is retried with back-off, without moving past the event, until
 * it succeeds.
 */
public interface EventConsumer<T> {

    Subscription<T> subscription();

    /** Applies one event, inside the batch's transaction. */
    void apply(Received<T> event);

    /**
     * Applies one partition's batch, in order, inside one transaction. Override to work on the batch at once, e.g.
     * to lock every row the batch touches in one statement (in the one lock order).
     */
    default void applyAll(List<Received<T>> events) {
        for (Received<T> event : events) {
            apply(event);
        }
    }
}
