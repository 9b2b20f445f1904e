package io.switchboard.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.contracts.provider.ProviderEvent;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Provider webhook ingress. A webhook is authenticated by its channel's secret, normalised, checked against the
 * contract of {@code provider.events.v1} (what the consumers and their databases can take), and written durably to the
 * topic before it is answered; it is applied from the topic, in order per channel. A webhook that could never be
 * applied is a 400 and never reaches the topic, so it cannot hold up the other channels of its partition.
 */
@Path("/v1/provider/webhooks/{channelId}")
@PermitAll
public class WebhookResource {

    /** Header carrying the per-channel secret the provider was given when the session was opened. */
    private static final String SECRET_HEADER = ProviderSessions.WEBHOOK_SECRET_HEADER;

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final WebhookSecrets secrets;
    private final ObjectMapper objectMapper;
    private final ProviderEventWriter writer;

    public WebhookResource(WebhookSecrets secrets, ObjectMapper objectMapper, ProviderEventWriter writer) {
        this.secrets = secrets;
        this.objectMapper = objectMapper;
        this.writer = writer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> receive(
            @PathParam("channelId") String channelId, @HeaderParam(SECRET_HEADER) String secret, String body) {
        WebhookSecrets.ChannelSecret channel = secrets.of(channelId).orElse(null);
        if (channel == null || secret == null || !constantTimeEquals(secret, channel.secret())) {
            // The same answer for an unknown channel and a wrong secret: nothing to learn by probing.
            throw new ProblemException(Problem.of(
                    401,
                    "webhook-unauthenticated",
                    "Webhook not authenticated",
                    "Unknown channel or wrong " + SECRET_HEADER));
        }
        ProviderEvent event;
        try {
            event = WhapiWebhookParser.normalise(
                    channel.channelId(), channel.accountId(), parse(objectMapper, body), body);
        } catch (InvalidWebhookException e) {
            throw invalid(e.getMessage(), List.of());
        }
        List<String> violations = writer.violations(event);
        if (!violations.isEmpty()) {
            throw invalid("The webhook has values the platform cannot store", violations);
        }
        writer.write(event);
        return Map.of("accepted", true, "eventId", event.eventId(), "type", event.type());
    }

    static ProblemException invalid(String detail, List<String> violations) {
        Problem problem = Problem.of(400, "invalid-webhook", "Invalid webhook", detail);
        return new ProblemException(violations.isEmpty() ? problem : problem.with("violations", violations));
    }

    static JsonNode parse(ObjectMapper objectMapper, String body) {
        try {
            JsonNode node = body == null ? null : objectMapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ProblemException.badRequest(
                        "malformed-webhook", "Malformed webhook", "The body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-webhook", "Malformed webhook", "The body is not valid JSON");
        }
    }

    static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
