package io.switchboard.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.channel.registry.Channel;
import io.switchboard.channel.registry.ChannelRepository;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.outbox.OutboxSettings;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Provider webhook ingress. A webhook is authenticated by its channel's secret, normalised, and written durably to
 * {@code provider.events.v1} before it is answered; it is applied from the topic, in order per channel.
 */
@Path("/v1/provider/webhooks/{channelId}")
@PermitAll
public class WebhookResource {

    /** Header carrying the per-channel secret the provider was given when the session was opened. */
    public static final String SECRET_HEADER = "X-Webhook-Secret";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ChannelRepository channels;
    private final ObjectMapper objectMapper;
    private final MutinyEmitter<String> providerEvents;
    private final OutboxSettings outboxSettings;

    public WebhookResource(ChannelRepository channels, ObjectMapper objectMapper,
            @org.eclipse.microprofile.reactive.messaging.Channel("provider-events-out") MutinyEmitter<String> providerEvents, OutboxSettings outboxSettings) {
        this.channels = channels;
        this.objectMapper = objectMapper;
        this.providerEvents = providerEvents;
        this.outboxSettings = outboxSettings;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> receive(@PathParam("channelId") String channelId,
            @HeaderParam(SECRET_HEADER) String secret, String body) {
        Channel channel = QuarkusTransaction.requiringNew().call(() -> channels.findById(channelId));
        if (channel == null || secret == null || !constantTimeEquals(secret, channel.webhookSecret)) {
            // The same answer for an unknown channel and a wrong secret: nothing to learn by probing.
            throw new ProblemException(Problem.of(401, "webhook-unauthenticated", "Webhook not authenticated",
                    "Unknown channel or wrong " + SECRET_HEADER));
        }
        ProviderEvent event = WhapiWebhooks.normalise(channel.id, channel.accountId, parse(body), body);
        providerEvents.sendMessage(message(event)).await().atMost(WRITE_TIMEOUT);
        return Map.of("accepted", true, "eventId", event.eventId(), "type", event.type());
    }

    private Message<String> message(ProviderEvent event) {
        String json;
        try {
            json = objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Message.of(json)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(EventTypes.PROVIDER_EVENT)
                        .withSource(URI.create(outboxSettings.source()))
                        .withSubject(event.channelId())
                        .withTimestamp(event.receivedAt().atZone(ZoneOffset.UTC))
                        .withDataContentType(MediaType.APPLICATION_JSON)
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.channelId()).build());
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body == null ? null : objectMapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ProblemException.badRequest("malformed-webhook", "Malformed webhook", "The body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-webhook", "Malformed webhook", "The body is not valid JSON");
        }
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
