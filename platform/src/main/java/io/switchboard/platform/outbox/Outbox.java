package io.switchboard.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * The transactional outbox: an event is a row written in the same transaction as the state it describes, and
 * {@link OutboxRelay} publishes it to Kafka after the commit. No event without its state, no state without its
 * event.
 *
 * <p>Per-key order: write the outbox row after locking (updating) the aggregate row, so that two transactions on
 * one channel insert their rows in commit order.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(EntityManager entityManager, ObjectMapper objectMapper, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Adds an event to the current transaction.
     *
     * @param topic the Kafka topic (a {@code Topics} constant)
     * @param key the record key: channelId, or accountId for billing
     * @param type the CloudEvents type (an {@code EventTypes} constant)
     * @param subject the CloudEvents subject, usually the entity id
     * @param payload the event record, serialised as JSON
     * @return the event id (CloudEvents {@code id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(String topic, String key, String type, String subject, Object payload) {
        String id = UUID.randomUUID().toString();
        entityManager.createNativeQuery("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, payload, created_at)
                VALUES (:id, :topic, :key, :type, :subject, :payload, :createdAt)""")
                .setParameter("id", id)
                .setParameter("topic", topic)
                .setParameter("key", key)
                .setParameter("type", type)
                .setParameter("subject", subject)
                .setParameter("payload", json(payload))
                .setParameter("createdAt", Instant.now())
                .executeUpdate();
        relay.wakeAfterCommit(transactions);
        return id;
    }

    private String json(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
    }
}
