package io.switchboard.testkit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.StatusCause;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events the way Switchboard's services do (CloudEvents in binary mode, JSON payload), for tests. */
public final class TestEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> producer;

    public TestEvents(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer());
    }

    /** Publishes {@code payload} as JSON; returns the event id. */
    public String publish(String topic, String key, String type, Object payload) {
        String eventId = UUID.randomUUID().toString();
        publishRaw(topic, key, eventId, type, json(payload));
        return eventId;
    }

    /** The payload as the services serialise it. */
    public static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Publishes any value, e.g. a poison record or a redelivery of an event id. */
    public void publishRaw(String topic, String key, String eventId, String type, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(eventId));
        record.headers().add("ce_type", bytes(type));
        record.headers().add("ce_source", bytes("//switchboard/test"));
        record.headers().add("ce_subject", bytes(key));
        record.headers().add("content-type", bytes("application/json"));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** A {@code channel.status.v1} payload as the channel-service writes it, of a WhatsApp Web channel. */
    public static ChannelStatusChanged statusChanged(
            String accountId, String channelId, ChannelStatus previous, ChannelStatus status, long version) {
        return statusChanged(accountId, channelId, previous, status, version, ChannelKind.WEB_SESSION);
    }

    /** A {@code channel.status.v1} payload as the channel-service writes it. */
    public static ChannelStatusChanged statusChanged(
            String accountId,
            String channelId,
            ChannelStatus previous,
            ChannelStatus status,
            long version,
            ChannelKind kind) {
        return new ChannelStatusChanged(
                channelId,
                accountId,
                "Sales",
                "+16502530001",
                previous,
                status,
                status.defaultSendPolicy(),
                status.requiredAction(),
                StatusCause.PROVIDER_EVENT,
                null,
                "SIM-" + channelId.substring(0, Math.min(6, channelId.length())),
                version,
                Instant.now(),
                kind,
                null,
                null);
    }

    /** The same event, with how Meta rates and limits the Cloud API number. */
    public static ChannelStatusChanged withCloud(ChannelStatusChanged e, CloudStanding cloud) {
        return new ChannelStatusChanged(
                e.channelId(),
                e.accountId(),
                e.name(),
                e.phone(),
                e.previousStatus(),
                e.status(),
                e.sendPolicy(),
                e.requiredAction(),
                e.cause(),
                e.detail(),
                e.providerChannelId(),
                e.version(),
                e.occurredAt(),
                e.kind(),
                e.alert(),
                cloud);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
