package io.switchboard.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The transactional outbox: an event is a row written in the same transaction as the state it describes, and
 * {@link OutboxRelay} publishes it to Kafka after the commit. No event without its state, no state without its
 * event.
 *
 * <p>The rows of a transaction are written together just before it commits (one batched insert, however many events
 * it published), and the relay is woken once after the commit.
 *
 * <p>Per-key order: publish after locking the aggregate row (the channel), so that two transactions on one channel
 * write their rows in commit order; ids are taken at the insert, while the lock is held.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, payload, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** An event waiting for its transaction to commit. */
    record Row(
            String eventId, String topic, String key, String type, String subject, String payload, Instant createdAt) {}

    private final DataSource dataSource;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final Object pendingKey = new Object();

    public Outbox(
            DataSource dataSource,
            ObjectMapper objectMapper,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Adds an event of a stream to the current transaction: its topic, type, record key and subject are the stream's.
     *
     * @return the event id (CloudEvents {@code id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends Record> String publish(EventStream<P> stream, P payload) {
        // Not through the public method below: ArC intercepts a bean's calls to itself, so that would check the
        // transaction twice per event.
        return add(stream.topic(), stream.keyOf(payload), stream.type(), stream.subjectOf(payload), payload);
    }

    /**
     * Adds an event to the current transaction, every attribute given: for what no stream declares (a test's
     * oversized record); services publish to their {@link EventStream}.
     *
     * @param topic the Kafka topic (a {@code Topics} constant)
     * @param key the record key: channelId, or accountId for billing
     * @param type the CloudEvents type
     * @param subject the CloudEvents subject, usually the entity id
     * @param payload the event record, serialised as JSON
     * @return the event id (CloudEvents {@code id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String publish(String topic, String key, String type, String subject, Object payload) {
        return add(topic, key, type, subject, payload);
    }

    private String add(String topic, String key, String type, String subject, Object payload) {
        String id = UUID.randomUUID().toString();
        pending().add(new Row(id, topic, key, type, subject, json(payload), Instant.now()));
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Row> pending() {
        List<Row> rows = (List<Row>) transactions.getResource(pendingKey);
        if (rows == null) {
            List<Row> created = new ArrayList<>();
            transactions.putResource(pendingKey, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        write(created); // a failure here rolls the transaction back
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                    }
                }
            });
            rows = created;
        }
        return rows;
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // The transaction's own connection (the pool hands out the one enlisted in it); Hibernate has let go of its
        // handle by now, so this one is taken and closed here.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : rows) {
                insert.setString(1, row.eventId());
                insert.setString(2, row.topic());
                insert.setString(3, row.key());
                insert.setString(4, row.type());
                insert.setString(5, row.subject());
                insert.setString(6, row.payload());
                insert.setObject(7, OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + rows.size() + " outbox event(s)", e);
        }
    }

    private String json(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
    }
}
