package io.switchboard.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes channel.status.v1 events as the channel-service does (CloudEvents, binary mode). */
final class ChannelStatusEvents {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ChannelStatusEvents() {
    }

    static void publish(String accountId, String channelId, ChannelStatus status, long version) {
        ChannelStatusChanged event = new ChannelStatusChanged(channelId, accountId, "Sales", "+16502530001", null, status,
                status.defaultSendPolicy(), status.requiredAction(), StatusCause.PROVIDER_EVENT, null,
                "SIM-" + channelId.substring(0, 6), version, Instant.now());
        publishRaw(channelId, UUID.randomUUID().toString(), json(event));
    }

    static void publishRaw(String key, String eventId, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CHANNEL_STATUS, key, value);
            record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", EventTypes.CHANNEL_STATUS_CHANGED.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "//switchboard/channel-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
