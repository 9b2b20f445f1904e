package io.switchboard.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends one batch of outbox rows, in order, and waits for Kafka's answers. A row the producer refuses at once (too
 * large, a topic it cannot find) holds back the later rows of its key in the batch, so that per-key order holds; a row
 * that failed before is waited for a short while only, so that a partition that is down does not hold the batch for
 * the whole send time-out.
 */
final class BatchSend {

    /** Not sent: an earlier row of its key in the same batch was refused as it was sent; it goes after that one. */
    static final Throwable HELD_BACK = new Throwable("held back behind an earlier row of its key");

    private BatchSend() {}

    /**
     * Each row's failure, in the rows' order: null where Kafka acknowledged it, {@link #HELD_BACK} where it was not
     * sent, a {@link TimeoutException} where no answer came in time.
     */
    static List<Throwable> sendAll(
            List<PendingEvent> rows,
            Function<Outbox.Row, CompletableFuture<RecordMetadata>> send,
            Duration sendTimeout,
            Duration retriedRowWait)
            throws InterruptedException {
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(rows.size());
        Set<String> refusedKeys = new HashSet<>();
        for (PendingEvent row : rows) {
            String key = row.event().topic() + "/" + row.event().key();
            if (refusedKeys.contains(key)) {
                sends.add(null);
                continue;
            }
            CompletableFuture<RecordMetadata> sent = send.apply(row.event());
            if (sent.isCompletedExceptionally()) {
                refusedKeys.add(key);
            }
            sends.add(sent);
        }
        long sentAt = System.nanoTime();
        long deadline = sentAt + sendTimeout.toNanos();
        long retriedDeadline = sentAt + Math.min(sendTimeout.toNanos(), retriedRowWait.toNanos());
        List<Throwable> failures = new ArrayList<>(rows.size());
        for (int i = 0; i < sends.size(); i++) {
            CompletableFuture<RecordMetadata> sent = sends.get(i);
            if (sent == null) {
                failures.add(HELD_BACK);
                continue;
            }
            long until = rows.get(i).attempts() > 0 ? retriedDeadline : deadline;
            try {
                sent.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                failures.add(null);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                failures.add(new TimeoutException("not acknowledged within "
                        + Duration.ofNanos(until - sentAt).toMillis() + " ms"));
            }
        }
        return failures;
    }
}
