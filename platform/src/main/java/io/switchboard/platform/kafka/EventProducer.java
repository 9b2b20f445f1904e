package io.switchboard.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one Kafka producer (idempotent, {@code acks=all}): the outbox relay, the dead letters and the webhook
 * ingress write through it. A record Kafka refuses (too large, no such topic) fails that record only.
 *
 * <p>Events are CloudEvents in binary mode: attributes in {@code ce_*} headers, the JSON payload as the value.
 */
@ApplicationScoped
public class EventProducer {

    /** How long a record may take to be acknowledged, retries included; its future completes by then. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, String> producer;
    private final KafkaClientMetrics metrics;

    public EventProducer(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application,
            MeterRegistry meters) {
        Map<String, Object> config = KafkaClients.config(
                kafka,
                Map.of(
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        // a topic that does not exist fails its record after this, instead of blocking a minute
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000),
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        application,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) DELIVERY_TIMEOUT.toMillis()));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(meters);
    }

    /** Sends the record; the future completes when Kafka acknowledged it, or fails with Kafka's error. */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<String, String> record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    result.complete(metadata);
                } else {
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e); // refused before sending (e.g. no metadata for the topic in time)
        }
        return result;
    }

    /** A CloudEvent (binary mode) with a JSON payload. */
    public static ProducerRecord<String, String> cloudEvent(
            String topic,
            String key,
            String id,
            String type,
            String source,
            String subject,
            Instant time,
            String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", source);
        if (subject != null) {
            header(record, "ce_subject", subject);
        }
        header(record, "ce_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC)));
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
        metrics.close();
    }
}
