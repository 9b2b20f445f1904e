package io.switchboard.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a consumer takes in a Kafka record: skips an event it has applied before (Kafka delivers at least once),
 * reads the payload, and applies it, all in the caller's transaction, so the event and its effect commit together.
 * A payload that does not parse throws {@link PoisonEventException}: the record goes to the dead-letter topic.
 */
@ApplicationScoped
public class Inbox {

    private final ProcessedEvents processed;
    private final EventJson json;

    public Inbox(ProcessedEvents processed, EventJson json) {
        this.processed = processed;
        this.json = json;
    }

    /**
     * @param consumer the name this consumer records applied events under
     * @param handler applies the event; not called for a redelivery
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void receive(String consumer, ConsumerRecord<String, String> record, Class<T> type, Consumer<T> handler) {
        IncomingEvent incoming = IncomingEvent.from(record);
        if (processed.firstDelivery(consumer, incoming.id())) {
            handler.accept(json.read(incoming, type));
        }
    }
}
