package io.switchboard.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop's failure rule on kafka-clients' MockConsumer, without a broker or a database: a record that
 * cannot be applied is set aside and its partition goes on; a failure of the infrastructure is retried until it
 * passes and nothing behind it is skipped; one failing partition never holds up another.
 */
@Tag("fast")
class ConsumerLoopTest {

    record Note(String text) {}

    private static final String TOPIC = "notes.v1";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final ReplayingConsumer kafka = new ReplayingConsumer();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Integer, RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<ProducerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();
    private Function<ProducerRecord<String, String>, CompletableFuture<RecordMetadata>> deadLetterTopic = record -> {
        deadLetters.add(record);
        return CompletableFuture.completedFuture(null);
    };
    private ConsumerLoop<Note> loop;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(5_000);
        }
    }

    @Test
    void aRecordThatDoesNotParseGoesToTheDeadLetterTopicAtOnceAndThePartitionGoesOn() {
        append(P0, "a");
        kafka.append(TOPIC, 0, "k", "{\"text\": not json");
        append(P0, "b");
        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> applied.size() == 2);
        assertThat(applied).containsExactly("a", "b");
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(TOPIC + ".dlq");
            assertThat(dead.value()).isEqualTo("{\"text\": not json");
            assertThat(header(dead, DeadLetters.REASON)).contains("is not a valid Note");
            assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("1");
            assertThat(header(dead, DeadLetters.OFFSET)).isEqualTo("1");
            assertThat(header(dead, DeadLetters.CONSUMER)).isEqualTo("notes");
        });
        awaitCommitted(P0, 3);
    }

    @Test
    void aHandlersOwnFailureIsRetriedAFewTimesThenDeadLetteredWithItsErrorWhileOtherPartitionsGoOn() {
        failures.put("bad", attempt -> new IllegalStateException("the handler refuses bad"));
        append(P0, "a");
        append(P0, "bad");
        append(P0, "c");
        append(P1, "x");
        append(P1, "y");
        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> applied.size() == 4);
        assertThat(applied)
                .containsSubsequence("a", "c")
                .containsSubsequence("x", "y")
                .doesNotContain("bad");
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.value()).contains("bad");
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("the handler refuses bad");
            assertThat(header(dead, DeadLetters.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("4");
            assertThat(header(dead, DeadLetters.PARTITION)).isEqualTo("0");
        });
        assertThat(attempts.get("bad").get())
                .as("attempts of the record on its own")
                .isEqualTo(4);
        awaitCommitted(P0, 3);
        awaitCommitted(P1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.failing().isEmpty());
    }

    @Test
    void dataTheDatabaseRefusesIsNotRetriedForEver() {
        failures.put(
                "too long",
                attempt -> new IllegalStateException(
                        "could not execute statement",
                        new SQLException("ERROR: value too long for type character varying(100)", "22001")));
        append(P0, "too long");
        append(P0, "next");
        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> applied.contains("next"));
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(header(dead, DeadLetters.CAUSE)).contains("value too long");
            assertThat(header(dead, DeadLetters.CAUSE_CLASS)).isEqualTo(SQLException.class.getName());
        });
    }

    @Test
    void aFailureOfTheInfrastructureIsRetriedUntilItPassesAndNothingBehindItIsSkippedOrReordered() {
        // A deadlock ten times in a row: more than the attempts a lasting failure gets, and still not dead-lettered.
        failures.put(
                "deadlocked",
                attempt -> attempt <= 10
                        ? new IllegalStateException(
                                "could not execute statement", new SQLException("deadlock detected", "40P01"))
                        : null);
        append(P0, "a");
        append(P0, "deadlocked");
        append(P0, "c");
        append(P1, "x");
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> applied.contains("x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> applied.contains("c"));
        assertThat(applied.stream().filter(text -> !text.equals("x")).toList()).containsExactly("a", "deadlocked", "c");
        assertThat(deadLetters).isEmpty();
        assertThat(attempts.get("deadlocked").get()).isGreaterThan(10);
        awaitCommitted(P0, 3);
    }

    @Test
    void aFailingPartitionIsReportedWithItsOffsetAttemptsAndErrorAndNoLongerOnceItApplies() {
        AtomicInteger release = new AtomicInteger();
        failures.put(
                "waits",
                attempt -> release.get() == 0
                        ? new IllegalStateException(new SQLException("Connection refused", "08001"))
                        : null);
        append(P0, "waits");
        start();

        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        loop.failing().containsKey(P0) && loop.failing().get(P0).attempts() >= 3);
        ConsumerLoop.Failure failure = loop.failing().get(P0);
        assertThat(failure.offset()).isZero();
        assertThat(failure.lastingAttempts()).isZero();
        assertThat(failure.error()).contains("Connection refused");

        release.set(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.failing().isEmpty());
        assertThat(applied).containsExactly("waits");
    }

    @Test
    void aRecordWaitsWhileTheDeadLetterTopicCannotTakeItAndIsNeverSkipped() {
        AtomicInteger refusals = new AtomicInteger(3);
        Function<ProducerRecord<String, String>, CompletableFuture<RecordMetadata>> topic = deadLetterTopic;
        deadLetterTopic = record -> refusals.getAndDecrement() > 0
                ? CompletableFuture.failedFuture(new NotEnoughReplicasException("not enough replicas"))
                : topic.apply(record);
        append(P0, "a");
        kafka.append(TOPIC, 0, "k", "not json");
        append(P0, "b");
        start();

        await().atMost(Duration.ofSeconds(10)).until(() -> applied.size() == 2);
        assertThat(refusals.get()).isNegative();
        assertThat(deadLetters)
                .singleElement()
                .satisfies(dead -> assertThat(dead.value()).isEqualTo("not json"));
        assertThat(applied).containsExactly("a", "b");
    }

    private void start() {
        kafka.schedulePollTask(() -> {
            kafka.rebalance(List.of(P0, P1));
            kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        });
        EventConsumer<Note> consumer = new EventConsumer<>() {
            @Override
            public Subscription<Note> subscription() {
                return Subscription.of("notes", TOPIC, Note.class);
            }

            @Override
            public void applyAll(List<Received<Note>> events) {
                throw new UnsupportedOperationException();
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        loop = new ConsumerLoop<>(
                consumer.subscription(),
                () -> kafka,
                this::transaction,
                new EventJson(new ObjectMapper()),
                new DeadLetters(record -> deadLetterTopic.apply(record), meters),
                TestConsumerSettings.fast(),
                meters);
        thread = new Thread(loop, "consumer-test");
        thread.start();
    }

    /** All or nothing, as a database transaction: a failing event leaves none of the batch applied. */
    private int transaction(List<Received<Note>> events) {
        for (Received<Note> event : events) {
            String text = event.payload().text();
            int attempt = events.size() == 1
                    ? attempts.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet()
                    : attempts.computeIfAbsent(text, t -> new AtomicInteger()).get();
            RuntimeException failure = failures.getOrDefault(text, n -> null).apply(attempt);
            if (failure != null) {
                throw failure;
            }
        }
        events.forEach(event -> applied.add(event.payload().text()));
        return events.size();
    }

    private void append(TopicPartition partition, String text) {
        kafka.append(
                partition.topic(),
                partition.partition(),
                "key-" + partition.partition(),
                "{\"text\":\"" + text + "\"}");
    }

    private void awaitCommitted(TopicPartition partition, long offset) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            OffsetAndMetadata committed =
                    kafka.committed(java.util.Set.of(partition)).get(partition);
            return committed != null && committed.offset() == offset;
        });
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
