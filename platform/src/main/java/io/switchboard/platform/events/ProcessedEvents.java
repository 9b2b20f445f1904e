package io.switchboard.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The idempotent-consumer log: a consumer records each event id in the transaction that applies the event, and
 * skips an event it has recorded before (Kafka delivers at least once).
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the event for {@code consumer}; false if it was recorded before, i.e. already applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return entityManager.createNativeQuery("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :eventId, :at)
                ON CONFLICT DO NOTHING""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .setParameter("at", Instant.now())
                .executeUpdate() == 1;
    }
}
