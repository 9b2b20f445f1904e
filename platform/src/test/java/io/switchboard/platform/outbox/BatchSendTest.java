package io.switchboard.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The relay's send of one batch on its own: order per key, refusals, slow partitions. */
@Tag("fast")
class BatchSendTest {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRIED_ROW_WAIT = Duration.ofMillis(200);

    private final List<String> sent = new ArrayList<>();

    @Test
    void everyRowIsSentInOrderAndAnAcknowledgedOneHasNoFailure() throws Exception {
        List<PendingEvent> rows = List.of(row(1, "c1", 0), row(2, "c2", 0), row(3, "c1", 0));

        List<Throwable> failures = BatchSend.sendAll(rows, this::acknowledged, SEND_TIMEOUT, RETRIED_ROW_WAIT);

        assertThat(sent).containsExactly("e1", "e2", "e3");
        assertThat(failures).containsExactly(null, null, null);
    }

    @Test
    void aRowRefusedAtOnceHoldsBackTheLaterRowsOfItsKeyOnlyAndIsNeverOvertaken() throws Exception {
        List<PendingEvent> rows = List.of(row(1, "c1", 0), row(2, "c1", 0), row(3, "c2", 0), row(4, "c1", 0));

        List<Throwable> failures = BatchSend.sendAll(
                rows,
                event -> event.eventId().equals("e1") ? refused(event) : acknowledged(event),
                SEND_TIMEOUT,
                RETRIED_ROW_WAIT);

        assertThat(sent).containsExactly("e1", "e3"); // nothing of c1 went out after its refused row
        assertThat(failures.get(0)).isInstanceOf(RecordTooLargeException.class);
        assertThat(failures.get(1)).isSameAs(BatchSend.HELD_BACK);
        assertThat(failures.get(2)).isNull();
        assertThat(failures.get(3)).isSameAs(BatchSend.HELD_BACK);
    }

    @Test
    void aRowKafkaDoesNotAnswerInTimeIsATimeOutAndTheOthersAreStillAnswered() throws Exception {
        List<PendingEvent> rows = List.of(row(1, "c1", 0), row(2, "c2", 0));

        List<Throwable> failures = BatchSend.sendAll(
                rows,
                event -> event.eventId().equals("e1") ? new CompletableFuture<>() : acknowledged(event),
                Duration.ofMillis(300),
                RETRIED_ROW_WAIT);

        assertThat(failures.get(0)).isInstanceOf(TimeoutException.class).hasMessageContaining("300 ms");
        assertThat(failures.get(1)).isNull();
    }

    @Test
    void aRowThatFailedBeforeIsWaitedForOnlyBrieflySoADownPartitionDoesNotHoldTheBatch() throws Exception {
        List<PendingEvent> rows = List.of(row(1, "c1", 3), row(2, "c2", 0));
        long started = System.nanoTime();

        List<Throwable> failures = BatchSend.sendAll(
                rows,
                event -> event.eventId().equals("e1") ? new CompletableFuture<>() : acknowledged(event),
                SEND_TIMEOUT,
                RETRIED_ROW_WAIT);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SEND_TIMEOUT.dividedBy(2));
        assertThat(failures.get(0)).isInstanceOf(TimeoutException.class).hasMessageContaining("200 ms");
        assertThat(failures.get(1)).isNull();
    }

    private CompletableFuture<RecordMetadata> acknowledged(Outbox.Row event) {
        sent.add(event.eventId());
        return CompletableFuture.completedFuture(
                new RecordMetadata(new TopicPartition(event.topic(), 0), 0, 0, 0, 0, 0));
    }

    private CompletableFuture<RecordMetadata> refused(Outbox.Row event) {
        sent.add(event.eventId());
        return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
    }

    private static PendingEvent row(long id, String channel, int attempts) {
        return new PendingEvent(
                id,
                new Outbox.Row("e" + id, "channel.status.v1", channel, "t", channel, "{}", Instant.EPOCH),
                attempts);
    }
}
