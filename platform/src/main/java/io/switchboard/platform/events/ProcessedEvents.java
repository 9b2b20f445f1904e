package io.switchboard.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/**
 * The idempotent-consumer log: a consumer records the key of each event in the transaction that applies it, and
 * skips an event whose key it has recorded before. A batch is recorded in one statement. Rows older than the
 * topics' retention are pruned ({@link ProcessedEventsPruner}): Kafka cannot deliver such an event again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** A key and when its event happened. */
    public record Key(String key, Instant at) {}

    private static final String INSERT = """
            INSERT INTO processed_event (consumer, event_id, processed_at)
            SELECT ?, k, to_timestamp(t / 1000.0) FROM unnest(?::varchar[], ?::bigint[]) AS d(k, t)
            """;

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records the keys for {@code consumer} and returns those seen for the first time (or, with a repeat window, seen
     * last at least that long before): the events to apply. The keys must be distinct.
     *
     * @param repeatAfter null: a key recorded once is never new again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, List<Key> keys, Duration repeatAfter) {
        String sql = INSERT + (repeatAfter == null ? "ON CONFLICT DO NOTHING RETURNING event_id" : """
                        ON CONFLICT (consumer, event_id) DO UPDATE SET processed_at = EXCLUDED.processed_at
                        WHERE processed_event.processed_at <= EXCLUDED.processed_at - make_interval(secs => ?)
                        RETURNING event_id""");
        Set<String> fresh = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, consumer);
                insert.setArray(
                        2,
                        connection.createArrayOf(
                                "varchar", keys.stream().map(Key::key).toArray()));
                insert.setArray(
                        3,
                        connection.createArrayOf(
                                "bigint",
                                keys.stream()
                                        .map(key -> key.at().toEpochMilli())
                                        .toArray()));
                if (repeatAfter != null) {
                    insert.setDouble(4, repeatAfter.toMillis() / 1000.0);
                }
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(rows.getString(1));
                    }
                }
            }
        });
        return fresh;
    }

    /** Deletes up to {@code limit} rows recorded before {@code before}; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int prune(Instant before, int limit) {
        return entityManager
                .createNativeQuery("""
                DELETE FROM processed_event WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM processed_event WHERE processed_at < :before LIMIT :limit FOR UPDATE SKIP LOCKED))""")
                .setParameter("before", before)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
