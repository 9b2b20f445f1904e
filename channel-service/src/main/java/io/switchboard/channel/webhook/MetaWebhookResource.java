package io.switchboard.channel.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Meta's webhooks of Cloud API numbers, at the one callback URL of the Meta app (docs/product/cloud-api-standing.md):
 * their standing, the receipts of their messages and what clients wrote to them.
 * {@code GET} answers Meta's check of the URL ({@code hub.challenge}, with the verify token). {@code POST} takes a
 * body signed with the app secret ({@code X-Hub-Signature-256}), reads the changes of standing in it, and writes one
 * provider event per change and channel to {@code provider.events.v1} before it answers; they are applied from there,
 * in order per channel. A change of a number or business account that has no channel here is counted and left.
 */
@Path("/v1/provider/meta/webhooks")
@PermitAll
public class MetaWebhookResource {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final Logger LOG = Logger.getLogger(MetaWebhookResource.class);

    private final MetaWebhookSettings settings;
    private final ObjectMapper objectMapper;
    private final ProviderEventWriter writer;
    private final Channels channels;
    private final MeterRegistry meters;

    public MetaWebhookResource(
            MetaWebhookSettings settings,
            ObjectMapper objectMapper,
            ProviderEventWriter writer,
            Channels channels,
            MeterRegistry meters) {
        this.settings = settings;
        this.objectMapper = objectMapper;
        this.writer = writer;
        this.channels = channels;
        this.meters = meters;
    }

    /** Meta's check of the callback URL: the challenge back, if the token is the one configured. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String verify(
            @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        String expected = settings.verifyToken().orElse(null);
        if (!"subscribe".equals(mode)
                || expected == null
                || token == null
                || !WebhookResource.constantTimeEquals(token, expected)
                || challenge == null
                || challenge.isBlank()
                || challenge.length() > 200) {
            throw new ProblemException(Problem.of(
                    403,
                    "webhook-verification-refused",
                    "Webhook verification refused",
                    "hub.mode must be subscribe, hub.verify_token the configured token and hub.challenge given"));
        }
        return challenge;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> receive(@HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
        if (!signedByTheApp(signature, body == null ? new byte[0] : body)) {
            throw new ProblemException(Problem.of(
                    401,
                    "webhook-unauthenticated",
                    "Webhook not authenticated",
                    "Missing or wrong " + SIGNATURE_HEADER + " (sha256= and the HMAC of the body with the app"
                            + " secret), or no app secret configured here"));
        }
        List<MetaWebhookParser.Change> changes;
        try {
            changes = MetaWebhookParser.changes(
                    WebhookResource.parse(objectMapper, new String(body, StandardCharsets.UTF_8)));
        } catch (InvalidWebhookException e) {
            throw WebhookResource.invalid(e.getMessage(), List.of());
        }
        List<ProviderEvent> events = new ArrayList<>();
        int unmatched = 0;
        for (MetaWebhookParser.Change change : changes) {
            List<Channel> targets = channelsOf(change.target());
            if (targets.isEmpty()) {
                unmatched++;
                LOG.debugf("Meta webhook %s names no channel here (%s)", change.eventName(), change.target());
            }
            for (Channel channel : targets) {
                events.add(event(channel, change));
            }
        }
        for (ProviderEvent event : events) {
            List<String> violations = writer.violations(event);
            if (!violations.isEmpty()) {
                throw WebhookResource.invalid("The webhook has values the platform cannot store", violations);
            }
        }
        events.forEach(writer::write);
        meters.counter("switchboard.meta.webhooks", "outcome", events.isEmpty() ? "ignored" : "accepted")
                .increment();
        return Map.of("accepted", events.size(), "unmatched", unmatched);
    }

    private List<Channel> channelsOf(MetaWebhookParser.Target target) {
        return QuarkusTransaction.requiringNew().call(() -> switch (target.by()) {
            case BUSINESS_ACCOUNT -> channels.cloudByBusinessAccount(target.id());
            case PHONE -> channels.cloudByPhone(target.id());
            case PHONE_NUMBER_ID ->
                channels.byCloudPhoneNumberId(target.id()).stream().toList();
        });
    }

    private static ProviderEvent event(Channel channel, MetaWebhookParser.Change change) {
        return new ProviderEvent(
                UUID.randomUUID().toString(),
                // one change can make two events (receipts, inbound): each its own key, the same on Meta's retry
                WhapiWebhookParser.deliveryKey(channel.id, change.type() + "\n" + change.raw()),
                channel.id,
                channel.accountId,
                channel.cloudPhoneNumberId,
                change.type(),
                change.eventName(),
                Instant.now(),
                null,
                null,
                null,
                change.raw(),
                change.receipts(),
                change.inbound(),
                null,
                change.standing(),
                change.template());
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body with the app secret, compared in constant time. */
    private boolean signedByTheApp(String signature, byte[] body) {
        String secret = settings.appSecret().orElse(null);
        if (secret == null || secret.isBlank() || signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            byte[] given;
            try {
                given = HexFormat.of()
                        .parseHex(signature.substring("sha256=".length()).toLowerCase());
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(expected, given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
