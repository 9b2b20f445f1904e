package io.switchboard.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.contracts.Topics;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.kafka.EventProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * Sends records that can never be applied to {@code <topic>.dlq}: same key, value and headers, plus the error
 * ({@code dead-letter-*} headers, the names SmallRye Reactive Messaging uses, and how many attempts it had). The send
 * is acknowledged by Kafka before the consumer moves past the record.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    public static final String EXCEPTION = "dead-letter-exception-class-name";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER = "dead-letter-consumer";
    public static final String ATTEMPTS = "dead-letter-attempts";
    /** Headers carry an error's first characters: a message may quote the value that failed. */
    private static final int MAX_HEADER = 1000;

    private final Function<ProducerRecord<String, String>, CompletableFuture<RecordMetadata>> sender;
    private final MeterRegistry meters;

    @Inject
    public DeadLetters(EventProducer producer, MeterRegistry meters) {
        this(producer::send, meters);
    }

    /** Dead letters sent through {@code sender} (the service's producer, or a test's). */
    public DeadLetters(
            Function<ProducerRecord<String, String>, CompletableFuture<RecordMetadata>> sender, MeterRegistry meters) {
        this.sender = sender;
        this.meters = meters;
    }

    /** Sends the record with its error and how many attempts it had, and waits for Kafka's acknowledgement. */
    public void send(
            String consumer, ConsumerRecord<String, String> record, Throwable error, int attempts, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        ProducerRecord<String, String> dead =
                new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        header(dead, REASON, error.getMessage());
        header(dead, EXCEPTION, error.getClass().getName());
        Throwable root = Failures.root(error);
        if (root != error) {
            header(dead, CAUSE, root.getMessage());
            header(dead, CAUSE_CLASS, root.getClass().getName());
        }
        header(dead, TOPIC, record.topic());
        header(dead, PARTITION, String.valueOf(record.partition()));
        header(dead, OFFSET, String.valueOf(record.offset()));
        header(dead, CONSUMER, consumer);
        header(dead, ATTEMPTS, String.valueOf(attempts));
        sender.apply(dead).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        meters.counter("switchboard.consumer.dead.letters", "consumer", consumer, "topic", record.topic())
                .increment();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        String text = String.valueOf(value);
        if (text.length() > MAX_HEADER) {
            text = text.substring(0, MAX_HEADER) + "...";
        }
        record.headers().remove(name);
        record.headers().add(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
