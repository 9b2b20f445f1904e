package io.switchboard.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.kafka.EventProducer;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.platform.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode), oldest first, and deletes them once Kafka has
 * acknowledged them. One replica relays at a time (a PostgreSQL advisory lock), so per-key order holds with any
 * number of replicas.
 *
 * <p>A row Kafka does not take is retried with back-off, and the later rows of its key wait for it (order per key);
 * rows of other keys go on. A failure that passes (a time-out, a partition without enough replicas, Kafka away) is
 * retried for as long as it lasts and never counted, so no event is set aside during an outage of one partition; a
 * failure of the row's own (too large, no such topic) is, and after {@code max-attempts} of them the row moves to
 * {@code outbox_dead_letter}. A row being retried is waited for {@link #RETRIED_ROW_WAIT} at most, so that a partition
 * that is down does not hold every batch for the whole send time-out.
 *
 * <p>Rows Kafka acknowledged are remembered until their delete commits, so a lost database connection does not
 * publish them again; a crash between the acknowledgement and the delete does (consumers recognise the event id).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x5357_4F55_5442_4F58L; // "SWOUTBOX"
    /**
     * How long a row that failed before is waited for in a batch (the producer may still deliver it later: a repeat).
     */
    static final Duration RETRIED_ROW_WAIT = Duration.ofSeconds(2);

    private final EventProducer producer;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSettings settings;
    private final Backoff backoff;
    private final Counter published;
    private final Counter deadLettered;
    private final WakeableLoop loop;
    /** Acknowledged by Kafka, not yet deleted: never sent again by this process. */
    private final Set<Long> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile Instant oldestUnsent;

    public OutboxRelay(
            EventProducer producer,
            EntityManager entityManager,
            TransactionSynchronizationRegistry transactions,
            OutboxSettings settings,
            MeterRegistry meters) {
        this.producer = producer;
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.settings = settings;
        this.backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
        this.published = meters.counter("switchboard.outbox.published");
        this.deadLettered = meters.counter("switchboard.outbox.dead.letters");
        Gauge.builder(
                        "switchboard.outbox.oldest.unsent.age",
                        this,
                        relay -> relay.oldestUnsentAge().toMillis() / 1000.0)
                .description("Age of the oldest event not yet published")
                .baseUnit("seconds")
                .register(meters);
        this.loop =
                new WakeableLoop("outbox-relay", settings.pollInterval(), this::relayAll).lingering(settings.linger());
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** Asks the relay to look for rows (after a commit that wrote some). */
    void wake() {
        loop.wake();
    }

    /** How long the oldest row waiting to be published has been waiting; zero when none is. */
    public Duration oldestUnsentAge() {
        Instant oldest = oldestUnsent;
        return oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
    }

    /** Rows that could not be published and wait in {@code outbox_dead_letter} for an operator. */
    public long deadLetters() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery("SELECT count(*) FROM outbox_dead_letter")
                                .getSingleResult())
                        .longValue());
    }

    private void relayAll() {
        Pass pass;
        do {
            pass = relayBatch();
        } while (loop.running() && pass.sent() > 0 && pass.looked() == settings.batchSize());
        if (pass.drained()) {
            oldestUnsent = null; // everything that was there is out; rows committed since woke the relay again
            return;
        }
        oldestUnsent = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> oldest = entityManager
                    .createNativeQuery("SELECT created_at FROM outbox_event ORDER BY id LIMIT 1")
                    .getResultList();
            return oldest.isEmpty() ? null : instant(oldest.get(0));
        });
    }

    /** What a batch did: rows looked at and sent; drained if every row was published and none waits for a retry. */
    record Pass(int looked, int sent, boolean drained) {}

    /** Publishes one batch in its own transaction. */
    Pass relayBatch() {
        int timeout = (int) settings.sendTimeout().plusSeconds(30).toSeconds();
        return QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
            Object locked = entityManager
                    .createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                    .setParameter("lock", ADVISORY_LOCK)
                    .getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return new Pass(0, 0, false); // another replica is relaying
            }
            deleteAcknowledged();
            // Due rows, oldest first; a row waits while an earlier row of its key is failing. Two plain statements
            // rather than one anti-join: their plans stay cheap whatever the statistics say of a table that fills and
            // empties within seconds.
            Map<String, Long> failingKeys = failingKeys();
            String holdBack = failingKeys.isEmpty()
                    ? ""
                    : " AND (id = ANY (:firstFailing) OR NOT (topic || '/' || record_key = ANY (:failingKeys)))";
            var query = entityManager
                    .createNativeQuery("""
                    SELECT id, event_id, topic, record_key, event_type, subject, payload, created_at, attempts
                    FROM outbox_event WHERE (attempts = 0 OR next_attempt_at <= now())""" + holdBack + " ORDER BY id LIMIT :limit")
                    .setParameter("limit", settings.batchSize());
            if (!failingKeys.isEmpty()) {
                query.setParameter("firstFailing", failingKeys.values().toArray(Long[]::new))
                        .setParameter("failingKeys", failingKeys.keySet().toArray(String[]::new));
            }
            @SuppressWarnings("unchecked")
            List<PendingEvent> rows = ((List<Object[]>) query.getResultList())
                    .stream().map(PendingEvent::read).toList();
            if (rows.isEmpty()) {
                return new Pass(0, 0, failingKeys.isEmpty());
            }
            // Sent with the transaction suspended (it stays open, holding the lock), so that nothing of it is touched
            // from the producer's threads.
            List<Throwable> failures = QuarkusTransaction.suspendingExisting()
                    .call(() -> BatchSend.sendAll(rows, this::send, settings.sendTimeout(), RETRIED_ROW_WAIT));
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                long id = rows.get(i).id();
                if (failures.get(i) == null) {
                    sent.add(id);
                    acknowledged.add(id);
                } else if (failures.get(i) != BatchSend.HELD_BACK) {
                    failed(rows.get(i), failures.get(i));
                }
            }
            // Exactly the rows sent: a row with a lower id may have committed after the SELECT (ids are taken at
            // insert, not at commit) and is not published yet.
            if (!sent.isEmpty()) {
                delete(sent);
            }
            published.increment(sent.size());
            afterCommitForget(sent);
            return new Pass(rows.size(), sent.size(), sent.size() == rows.size() && failingKeys.isEmpty());
        });
    }

    /** Rows acknowledged earlier whose delete did not commit (the connection was lost): deleted, not sent again. */
    private void deleteAcknowledged() {
        if (!acknowledged.isEmpty()) {
            List<Long> earlier = List.copyOf(acknowledged);
            delete(earlier);
            afterCommitForget(earlier);
        }
    }

    /** Topic and key of each row waiting for a retry, with the lowest such id: the later rows of that key wait. */
    private Map<String, Long> failingKeys() {
        @SuppressWarnings("unchecked")
        List<Object[]> failing = entityManager
                .createNativeQuery(
                        "SELECT topic, record_key, min(id) FROM outbox_event WHERE attempts > 0 GROUP BY topic, record_key")
                .getResultList();
        Map<String, Long> keys = new HashMap<>();
        failing.forEach(row -> keys.put(row[0] + "/" + row[1], ((Number) row[2]).longValue()));
        return keys;
    }

    private void delete(List<Long> ids) {
        entityManager
                .createNativeQuery("DELETE FROM outbox_event WHERE id = ANY (:ids)")
                .setParameter("ids", ids.toArray(Long[]::new))
                .executeUpdate();
    }

    private void afterCommitForget(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> forget = new HashSet<>(ids);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    acknowledged.removeAll(forget);
                }
            }
        });
    }

    /** Counts a failure of the row's own; one that passes only reschedules it. */
    private void failed(PendingEvent row, Throwable failure) {
        long id = row.id();
        int counted = counted(row.attempts(), failure);
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (counted >= settings.maxAttempts()) {
            entityManager
                    .createNativeQuery("""
                    INSERT INTO outbox_dead_letter (id, event_id, topic, record_key, event_type, subject, payload,
                                                    created_at, attempts, last_error, dead_at)
                    SELECT id, event_id, topic, record_key, event_type, subject, payload, created_at, :attempts, :error,
                           now()
                    FROM outbox_event WHERE id = :id""")
                    .setParameter("attempts", counted)
                    .setParameter("error", truncate(error))
                    .setParameter("id", id)
                    .executeUpdate();
            entityManager
                    .createNativeQuery("DELETE FROM outbox_event WHERE id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            deadLettered.increment();
            LOG.errorf(
                    "Outbox event %s to %s (key %s) could not be published after %d attempts and went to "
                            + "outbox_dead_letter: %s",
                    row.event().eventId(), row.event().topic(), row.event().key(), counted, error);
            return;
        }
        Duration wait = backoff.after(Math.max(counted, 1));
        entityManager
                .createNativeQuery("""
                UPDATE outbox_event SET attempts = :attempts, next_attempt_at = :next, last_error = :error
                WHERE id = :id""")
                .setParameter("attempts", Math.max(counted, 1))
                .setParameter("next", OffsetDateTime.ofInstant(Instant.now().plus(wait), ZoneOffset.UTC))
                .setParameter("error", truncate(error))
                .setParameter("id", id)
                .executeUpdate();
        LOG.warnf(
                "Outbox event %s to %s (key %s) not published (attempt %d of %d, retrying in %d ms): %s",
                row.event().eventId(),
                row.event().topic(),
                row.event().key(),
                counted,
                settings.maxAttempts(),
                wait.toMillis(),
                error);
    }

    /**
     * The failures a row has counted after this one: only a failure of its own counts (Kafka refused that record);
     * one that passes (a time-out, NotEnoughReplicas, NotLeaderOrFollower, no answer in time) never does, whatever the
     * other rows of the batch did, so a partition that is down for a while sets none of its events aside.
     */
    static int counted(int attempts, Throwable failure) {
        return Failures.isPassing(failure) ? attempts : attempts + 1;
    }

    private CompletableFuture<RecordMetadata> send(Outbox.Row event) {
        return producer.send(EventProducer.cloudEvent(
                event.topic(),
                event.key(),
                event.eventId(),
                event.type(),
                settings.source(),
                event.subject(),
                event.createdAt(),
                event.payload()));
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
