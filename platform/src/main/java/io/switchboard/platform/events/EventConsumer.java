package io.switchboard.platform.events;

import java.util.List;

/**
 * A service's consumer of one stream, batch first. Implement it as an {@code @ApplicationScoped} bean; the platform's
 * {@link ConsumerRuntime} reads the topic and hands the events over in batches, one partition's records in order, in
 * one transaction per batch, with the redeliveries already taken out. A consumer that works on one event at a time
 * implements {@link PerEventConsumer} instead.
 *
 * <p>Failures: a {@link PoisonEventException} (thrown by the platform for a payload that does not parse, or by the
 * handler for an event that breaks the contract) sends that record to {@code <topic>.dlq}, and the consumer goes
 * on. Any other exception rolls the batch back and the partition is retried with back-off, without moving past the
 * event: a failure of the infrastructure (the database or broker unreachable) until it succeeds, one of the handler or
 * its data ({@link io.switchboard.platform.failure.Failures}) {@code dead-letter-after} times, and then the record goes
 * to {@code <topic>.dlq}, so that one tenant's event does not stall the others.
 */
public interface EventConsumer<T> {

    Subscription<T> subscription();

    /**
     * Applies one partition's batch, in order, inside one transaction: e.g. locks every row the batch touches in one
     * statement (in the one lock order), then applies each event.
     */
    void applyAll(List<Received<T>> events);
}
