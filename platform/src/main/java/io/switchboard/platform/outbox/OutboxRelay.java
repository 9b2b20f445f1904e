package io.switchboard.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.switchboard.platform.loop.WakeableLoop;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode), oldest first, and deletes them once Kafka has
 * acknowledged them. One replica relays at a time (a PostgreSQL advisory lock), so per-key order holds with any
 * number of replicas. A crash between the send and the delete publishes the row again: consumers are idempotent
 * by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Channel of the Kafka connector that carries every outbox record; each record names its own topic. */
    public static final String CHANNEL = "outbox";
    private static final long ADVISORY_LOCK = 0x5357_4F55_5442_4F58L; // "SWOUTBOX"

    private final MutinyEmitter<String> emitter;
    private final EntityManager entityManager;
    private final OutboxSettings settings;
    private final Counter published;
    private final WakeableLoop loop;

    public OutboxRelay(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<String> emitter, EntityManager entityManager, OutboxSettings settings, MeterRegistry meters) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.settings = settings;
        this.published = meters.counter("switchboard.outbox.published");
        this.loop = new WakeableLoop("outbox-relay", settings.pollInterval(), this::relayAll);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** Asks the relay to look for rows once the current transaction, which wrote some, has committed. */
    void wakeAfterCommit(TransactionSynchronizationRegistry transactions) {
        loop.wakeAfterCommit(transactions);
    }

    private void relayAll() {
        while (loop.running() && relayBatch() == settings.batchSize()) {
            // a full batch: more may be waiting
        }
    }

    /** Publishes one batch in its own transaction; returns how many rows it published. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object locked = entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                    .setParameter("lock", ADVISORY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0; // another replica is relaying
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    SELECT id, event_id, topic, record_key, event_type, subject, payload, created_at
                    FROM outbox_event ORDER BY id LIMIT :limit""")
                    .setParameter("limit", settings.batchSize())
                    .getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            // Sent with the transaction suspended (it stays open, holding the lock): the sends' callbacks run on
            // Kafka threads, and a transaction propagated there would be ended from two threads and fail to commit.
            QuarkusTransaction.suspendingExisting().run(() -> {
                List<Uni<Void>> sends = rows.stream().map(this::send).toList();
                Uni.join().all(sends).andFailFast().await().atMost(settings.sendTimeout());
            });
            // Exactly the rows sent: a row with a lower id may have committed after the SELECT (ids are taken at
            // insert, not at commit) and is not published yet.
            List<Long> sent = rows.stream().map(row -> ((Number) row[0]).longValue()).toList();
            entityManager.createNativeQuery("DELETE FROM outbox_event WHERE id IN (:ids)")
                    .setParameter("ids", sent).executeUpdate();
            published.increment(rows.size());
            return rows.size();
        });
    }

    private Uni<Void> send(Object[] row) {
        String eventId = (String) row[1];
        String topic = (String) row[2];
        String key = (String) row[3];
        Instant createdAt = createdAt(row[7]);
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withType((String) row[4])
                .withSource(URI.create(settings.source()))
                .withSubject((String) row[5])
                .withTimestamp(createdAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).build();
        return emitter.sendMessage(Message.of((String) row[6]).addMetadata(cloudEvent).addMetadata(kafka));
    }

    private static Instant createdAt(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return java.time.OffsetDateTime.parse(value.toString()).toInstant();
    }
}
