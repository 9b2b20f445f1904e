package io.switchboard.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.switchboard.platform.failure.FailureKind;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One Kafka consumer of a consumer's group, on a thread of its own. Each poll's records are applied in one
 * transaction (every partition's in order), and the offsets committed after the transaction.
 *
 * <p>A poll that fails is applied again partition by partition, and a partition that fails record by record, so
 * that exactly the failing record is known. What happens to it is the {@link Failures} rule: a poison record goes to
 * the dead-letter topic at once; a failure of the infrastructure pauses the partition at that record and retries it
 * after a back-off, for as long as it takes; any other failure is retried {@code dead-letter-after} times in all, then
 * the record goes to the dead-letter topic with its error and the partition moves on. Other partitions carry on
 * meanwhile.
 */
final class ConsumerLoop<T> implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * A partition that is failing at a record: since when, how many attempts (and how many of them failed for a
     * reason that does not pass by itself), when it is tried next and the last error.
     */
    record Failure(long offset, Instant since, int attempts, int lastingAttempts, Instant retryAt, String error) {}

    private final Subscription<T> subscription;
    private final Supplier<Consumer<String, String>> clients;
    private final BatchApplier<T> applier;
    private final EventJson json;
    private final DeadLetters deadLetters;
    private final ConsumerSettings settings;
    private final Backoff backoff;
    private final MeterRegistry meters;
    private final Counter retries;
    private final Counter applied;
    private final Timer batches;
    private final Timer delay;
    private final Map<TopicPartition, Failure> failing = new ConcurrentHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private final Duration linger;
    private final int maxPollRecords;
    private volatile boolean running = true;
    private volatile Consumer<String, String> kafka;

    /**
     * @param clients makes the Kafka consumer (again after the consumer itself failed), subscribed by this loop
     * @param applier applies a batch in one transaction; returns how many events it applied
     */
    ConsumerLoop(
            Subscription<T> subscription,
            Supplier<Consumer<String, String>> clients,
            BatchApplier<T> applier,
            EventJson json,
            DeadLetters deadLetters,
            ConsumerSettings settings,
            MeterRegistry meters) {
        this.subscription = subscription;
        this.clients = clients;
        this.applier = applier;
        this.json = json;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.meters = meters;
        this.backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
        this.retries = meters.counter(
                "switchboard.consumer.retries", "consumer", subscription.name(), "topic", subscription.topic());
        this.linger = settings.batchLingerOf(subscription.name());
        this.maxPollRecords = settings.maxPollRecordsOf(subscription.name());
        this.applied = meters.counter(
                "switchboard.consumer.events", "consumer", subscription.name(), "topic", subscription.topic());
        // Registered at 0 (DeadLetters counts them), so an alert on its increase sees the first one.
        meters.counter(
                "switchboard.consumer.dead.letters", "consumer", subscription.name(), "topic", subscription.topic());
        this.batches = Timer.builder("switchboard.consumer.batch.duration")
                .description("One partition batch's transaction")
                .tags("consumer", subscription.name(), "topic", subscription.topic())
                .register(meters);
        this.delay = Timer.builder("switchboard.consumer.delay")
                .description("From an event's write to Kafka to the start of its batch's transaction")
                .tags("consumer", subscription.name(), "topic", subscription.topic())
                .register(meters);
    }

    String name() {
        return subscription.name();
    }

    String topic() {
        return subscription.topic();
    }

    /** The partitions failing now, for the health check. */
    Map<TopicPartition, Failure> failing() {
        return Map.copyOf(failing);
    }

    void stop() {
        running = false;
        Consumer<String, String> current = kafka;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try (Consumer<String, String> client = clients.get();
                    KafkaClientMetrics metrics = new KafkaClientMetrics(client)) {
                metrics.bindTo(meters);
                kafka = client;
                client.subscribe(List.of(subscription.topic()), new Rebalance(client));
                consume(client);
                commit(client, true);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                // The consumer itself failed (not a record): start it again; uncommitted records come again.
                LOG.errorf(e, "Consumer %s of %s failed; restarting it", subscription.name(), subscription.topic());
                failing.clear();
                toCommit.clear();
                pause(settings.retryMaxBackoff());
            } finally {
                kafka = null;
            }
        }
    }

    private void consume(Consumer<String, String> client) {
        while (running) {
            resumeDue(client);
            Map<TopicPartition, List<ConsumerRecord<String, String>>> ready;
            try {
                ready = pollBatch(client);
            } catch (WakeupException e) {
                if (running) {
                    continue;
                }
                return;
            }
            if (!ready.isEmpty() && !applyAtOnce(ready)) {
                ready.forEach(this::apply);
            }
            commit(client, false);
        }
    }

    /**
     * Records of a poll, and of further polls within {@code batch-linger} while the batch is not full: under load a
     * transaction takes many events; on a quiet topic the consumer waits in one long poll, and an event waits at most
     * the linger. Records of a partition waiting for its retry are put back.
     */
    private Map<TopicPartition, List<ConsumerRecord<String, String>>> pollBatch(Consumer<String, String> client) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> ready = new java.util.LinkedHashMap<>();
        int count = 0;
        long lingerUntil = 0;
        Duration timeout = pollTimeout();
        while (true) {
            ConsumerRecords<String, String> records = client.poll(timeout);
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, String>> batch = records.records(partition);
                Failure failure = failing.get(partition);
                if (failure != null && failure.retryAt().isAfter(Instant.now())) {
                    if (!ready.containsKey(partition)) {
                        client.seek(partition, batch.get(0).offset()); // fetched before the pause: not yet
                    }
                    continue;
                }
                ready.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(batch);
                count += batch.size();
            }
            if (count == 0 || count >= maxPollRecords || linger.isZero()) {
                return ready;
            }
            long now = System.nanoTime();
            if (lingerUntil == 0) {
                lingerUntil = now + linger.toNanos();
            }
            if (now >= lingerUntil) {
                return ready;
            }
            timeout = Duration.ofNanos(lingerUntil - now);
        }
    }

    /**
     * The poll's records of every partition in one transaction (each partition's in order): the common case, one
     * commit for all. False, with nothing applied, if a record does not parse or the transaction fails: then each
     * partition is applied on its own.
     */
    private boolean applyAtOnce(Map<TopicPartition, List<ConsumerRecord<String, String>>> ready) {
        List<Received<T>> all = new ArrayList<>();
        try {
            ready.values().forEach(records -> records.forEach(record -> all.add(parse(record))));
            transaction(all);
        } catch (RuntimeException e) {
            LOG.debugf(
                    e,
                    "Consumer %s: a poll's batch of %d failed; applying each partition on its own",
                    subscription.name(),
                    all.size());
            return false;
        }
        ready.forEach((partition, records) -> {
            done(partition, records.get(records.size() - 1).offset());
            if (failing.remove(partition) != null) {
                LOG.infof("Consumer %s: %s applies again", subscription.name(), partition);
            }
        });
        return true;
    }

    /** Applies one partition's records; stops at a record that failed and is to be tried again. */
    private void apply(TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        int next = 0;
        while (next < records.size()) {
            List<Received<T>> run = new ArrayList<>();
            ConsumerRecord<String, String> poison = null;
            PoisonEventException poisonError = null;
            for (; next < records.size(); next++) {
                ConsumerRecord<String, String> record = records.get(next);
                try {
                    run.add(parse(record));
                } catch (PoisonEventException e) {
                    poison = record;
                    poisonError = e;
                    break;
                }
            }
            if (!run.isEmpty()) {
                ConsumerRecord<String, String> failedAt = applyRun(partition, records, run);
                if (failedAt != null) {
                    return;
                }
                done(partition, run.get(run.size() - 1).offset());
            }
            if (poison != null) {
                if (!deadLetter(partition, poison, poisonError, attemptsAt(partition, poison) + 1)) {
                    return;
                }
                next++;
            }
        }
        if (failing.remove(partition) != null) {
            LOG.infof("Consumer %s: %s applies again", subscription.name(), partition);
        }
    }

    /** The run in one transaction; if that fails, record by record. Returns the record it stopped at, or null. */
    private ConsumerRecord<String, String> applyRun(
            TopicPartition partition, List<ConsumerRecord<String, String>> records, List<Received<T>> run) {
        if (run.size() > 1) {
            try {
                transaction(run);
                return null;
            } catch (RuntimeException e) {
                LOG.debugf(
                        e,
                        "Consumer %s: a batch of %d on %s failed; applying it record by record",
                        subscription.name(),
                        run.size(),
                        partition);
            }
        }
        for (Received<T> event : run) {
            long start = System.nanoTime();
            try {
                transaction(List.of(event));
                done(partition, event.offset());
            } catch (RuntimeException e) {
                boolean timedOut =
                        System.nanoTime() - start >= settings.attemptTimeout().toNanos();
                ConsumerRecord<String, String> record = recordAt(records, event.offset());
                // An attempt that ran into its time limit was held up by the infrastructure (a lock, a slow database),
                // unless the record itself is poison.
                FailureKind kind = Failures.kindOf(e);
                if (timedOut && kind == FailureKind.LASTING) {
                    kind = FailureKind.PASSING;
                }
                if (!settle(partition, record, e, kind)) {
                    return record;
                }
            }
        }
        return null;
    }

    /**
     * The one rule for a record that failed: true when it went to the dead-letter topic (the partition moves on),
     * false when it is to be tried again (the partition is paused at it).
     */
    private boolean settle(
            TopicPartition partition, ConsumerRecord<String, String> record, RuntimeException error, FailureKind kind) {
        int attempts = attemptsAt(partition, record) + 1;
        return switch (kind) {
            case POISON -> deadLetter(partition, record, poisonCause(error), attempts);
            case LASTING ->
                lastingAttemptsAt(partition, record) + 1 >= settings.deadLetterAfter()
                        ? deadLetter(partition, record, error, attempts)
                        : failed(partition, record, error, true);
            case PASSING -> failed(partition, record, error, false);
        };
    }

    private void transaction(List<Received<T>> events) {
        long start = System.nanoTime();
        delay.record(
                Math.max(0, System.currentTimeMillis() - events.get(0).event().timestamp()), TimeUnit.MILLISECONDS);
        int count = applier.apply(events);
        batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        applied.increment(count);
    }

    private Received<T> parse(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (record.value() == null) {
            throw new PoisonEventException("Record " + event.id() + " has no value", null);
        }
        return new Received<>(event, json.read(event, subscription.type()), record.offset());
    }

    /**
     * Sends a record that will not be applied to the dead-letter topic, with its error and attempts; false (and the
     * partition retries) if Kafka did not take it.
     */
    private boolean deadLetter(
            TopicPartition partition, ConsumerRecord<String, String> record, Throwable error, int attempts) {
        try {
            deadLetters.send(subscription.name(), record, error, attempts, settings.attemptTimeout());
            LOG.errorf(
                    "Consumer %s: record %s@%d failed %d time(s) and went to %s: %s",
                    subscription.name(),
                    partition,
                    record.offset(),
                    attempts,
                    io.switchboard.contracts.Topics.dlq(record.topic()),
                    Failures.rootMessage(error));
            LOG.debugf(error, "Consumer %s: %s@%d dead-lettered", subscription.name(), partition, record.offset());
            done(partition, record.offset());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(partition, record, e, false);
        } catch (Exception e) {
            failed(partition, record, e, false);
        }
        return false;
    }

    /** How many times the record has failed so far (0 when the partition is not failing at it). */
    private int attemptsAt(TopicPartition partition, ConsumerRecord<String, String> record) {
        Failure failure = failing.get(partition);
        return failure == null || failure.offset() != record.offset() ? 0 : failure.attempts();
    }

    private int lastingAttemptsAt(TopicPartition partition, ConsumerRecord<String, String> record) {
        Failure failure = failing.get(partition);
        return failure == null || failure.offset() != record.offset() ? 0 : failure.lastingAttempts();
    }

    /** Pauses the partition at the record and schedules its retry; always false (the record was not applied). */
    private boolean failed(
            TopicPartition partition, ConsumerRecord<String, String> record, Exception error, boolean lasting) {
        Instant now = Instant.now();
        Failure before = failing.get(partition);
        boolean same = before != null && before.offset() == record.offset();
        int attempts = same ? before.attempts() + 1 : 1;
        int lastingAttempts = (same ? before.lastingAttempts() : 0) + (lasting ? 1 : 0);
        Duration wait = backoff.after(attempts);
        failing.put(
                partition,
                new Failure(
                        record.offset(),
                        same ? before.since() : now,
                        attempts,
                        lastingAttempts,
                        now.plus(wait),
                        Failures.rootMessage(error)));
        retries.increment();
        Consumer<String, String> client = kafka;
        client.seek(partition, record.offset());
        client.pause(Set.of(partition));
        if (lasting || Integer.bitCount(attempts) == 1) { // the first, then ever less often; the stack trace at DEBUG
            LOG.warnf(
                    "Consumer %s: %s@%d failed (attempt %d%s), retrying in %d ms without moving past it: %s",
                    subscription.name(),
                    partition,
                    record.offset(),
                    attempts,
                    lasting ? ", dead-lettered after " + settings.deadLetterAfter() : "",
                    wait.toMillis(),
                    Failures.rootMessage(error));
            LOG.debugf(error, "Consumer %s: %s@%d failed", subscription.name(), partition, record.offset());
        }
        return false;
    }

    private void resumeDue(Consumer<String, String> client) {
        Instant now = Instant.now();
        failing.forEach((partition, failure) -> {
            if (!failure.retryAt().isAfter(now) && client.paused().contains(partition)) {
                client.resume(Set.of(partition));
            }
        });
    }

    private Duration pollTimeout() {
        Instant now = Instant.now();
        return failing.values().stream()
                .map(Failure::retryAt)
                .filter(at -> at.isAfter(now))
                .min(Instant::compareTo)
                .map(at -> Duration.between(now, at))
                .filter(wait -> wait.compareTo(POLL) < 0)
                .orElse(POLL);
    }

    private void done(TopicPartition partition, long offset) {
        toCommit.put(partition, new OffsetAndMetadata(offset + 1));
    }

    private void commit(Consumer<String, String> client, boolean sync) {
        if (toCommit.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(toCommit);
        toCommit.clear();
        if (sync) {
            client.commitSync(offsets);
        } else {
            // A lost commit is covered by the next one, or the records come again and are recognised.
            client.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    LOG.debugf(e, "Consumer %s: committing offsets failed", subscription.name());
                }
            });
        }
    }

    private static ConsumerRecord<String, String> recordAt(List<ConsumerRecord<String, String>> records, long offset) {
        return records.stream()
                .filter(record -> record.offset() == offset)
                .findFirst()
                .orElseThrow();
    }

    /** The poison exception in the chain: its message says what is wrong with the record. */
    private static Throwable poisonCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.switchboard.platform.failure.PoisonException poison) {
                return poison;
            }
        }
        return error;
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Commits what was applied before partitions go to another consumer; forgets their failures. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final Consumer<String, String> client;

        Rebalance(Consumer<String, String> client) {
            this.client = client;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            partitions.forEach(partition -> {
                OffsetAndMetadata offset = toCommit.remove(partition);
                if (offset != null) {
                    offsets.put(partition, offset);
                }
                failing.remove(partition);
            });
            if (!offsets.isEmpty()) {
                try {
                    client.commitSync(offsets);
                } catch (RuntimeException e) {
                    LOG.debugf(e, "Consumer %s: committing revoked partitions failed", subscription.name());
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // committed offsets are where each partition starts
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> {
                toCommit.remove(partition);
                failing.remove(partition);
            });
        }
    }
}
