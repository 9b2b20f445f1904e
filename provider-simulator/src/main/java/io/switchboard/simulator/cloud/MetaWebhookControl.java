package io.switchboard.simulator.cloud;

import io.switchboard.simulator.http.ProviderException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Makes Meta tell the app about a Cloud API number (docs in the README): its quality and messaging limit, a
 * restriction of its business account, a violation, a ban. Each call posts one signed webhook; it answers the body.
 */
@Path("/control/cloud-numbers/{phoneNumberId}/meta")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Control API")
public class MetaWebhookControl {

    /** {@code event}: FLAGGED, UNFLAGGED, UPGRADE, DOWNGRADE, ...; {@code limit}: TIER_250, ... (optional). */
    public record QualityRequest(String event, String limit) {}

    /**
     * {@code restrictions}: RESTRICTED_BIZ_INITIATED_MESSAGING, RESTRICTED_CUSTOMER_INITIATED_MESSAGING, ... (none: the
     * restriction is lifted); {@code until}: when they end.
     */
    public record RestrictionRequest(List<String> restrictions, Instant until) {}

    /** {@code state}: SCHEDULE_FOR_DISABLE, DISABLE or REINSTATE. */
    public record BanRequest(String state) {}

    /**
     * What the number's health status answers from now on: {@code canSendMessage} AVAILABLE (left out), LIMITED or
     * BLOCKED, the reasons, the quality (GREEN, YELLOW, RED) and the limit (TIER_1K, ...); quality and limit left out
     * stay as they are.
     */
    public record HealthRequest(String canSendMessage, List<String> errors, String quality, String limit) {}

    /** A text a client ({@code from}, E.164) wrote to the number. */
    public record InboundRequest(String from, String text) {}

    /** A template's new status, e.g. {@code PAUSED}, with Meta's reason. */
    public record TemplateRequest(String name, String language, String event, String reason) {}

    /** {@code type}: the violation, e.g. SCAM. */
    public record ViolationRequest(String type) {}

    private final CloudNumbers numbers;
    private final MetaWebhooks webhooks;
    private final CloudTemplates templates;

    public MetaWebhookControl(CloudNumbers numbers, MetaWebhooks webhooks, CloudTemplates templates) {
        this.templates = templates;
        this.numbers = numbers;
        this.webhooks = webhooks;
    }

    @POST
    @Path("/quality")
    public Map<String, Object> quality(@PathParam("phoneNumberId") String id, QualityRequest request) {
        if (request == null || blank(request.event())) {
            throw ProviderException.badRequest("event is required, e.g. FLAGGED or DOWNGRADE");
        }
        CloudNumber number = number(id);
        String event = request.event().trim();
        String limit = blank(request.limit()) ? null : request.limit().trim();
        Map<String, Object> posted = webhooks.quality(number, event, limit);
        // as at Meta, the number's health status says the same from now on
        number.rated(
                switch (event) {
                    case "FLAGGED" -> "RED";
                    case "UNFLAGGED" -> "GREEN";
                    default -> null;
                },
                limit);
        return posted;
    }

    @POST
    @Path("/restriction")
    public Map<String, Object> restriction(@PathParam("phoneNumberId") String id, RestrictionRequest request) {
        List<Map<String, Object>> infos = (request == null || request.restrictions() == null
                        ? List.<String>of()
                        : request.restrictions())
                .stream()
                        .map(type -> {
                            Map<String, Object> info = new LinkedHashMap<>();
                            info.put("restriction_type", type);
                            if (request.until() != null) {
                                info.put("expiration", request.until().getEpochSecond());
                            }
                            return info;
                        })
                        .toList();
        return webhooks.accountUpdate(number(id), Map.of("event", "ACCOUNT_RESTRICTION", "restriction_info", infos));
    }

    @POST
    @Path("/ban")
    public Map<String, Object> ban(@PathParam("phoneNumberId") String id, BanRequest request) {
        if (request == null || blank(request.state())) {
            throw ProviderException.badRequest("state is required: SCHEDULE_FOR_DISABLE, DISABLE or REINSTATE");
        }
        return webhooks.accountUpdate(
                number(id),
                Map.of(
                        "event",
                        "DISABLED_UPDATE",
                        "ban_info",
                        Map.of("waba_ban_state", request.state().trim(), "waba_ban_date", "today")));
    }

    /**
     * Meta changes the status of a template of the number's business account: the webhook is posted, and the Cloud
     * API refuses the template's messages from now on unless the status lets it go (APPROVED, FLAGGED, REINSTATED).
     */
    @POST
    @Path("/template")
    public Map<String, Object> template(@PathParam("phoneNumberId") String id, TemplateRequest request) {
        if (request == null || blank(request.name()) || blank(request.language()) || blank(request.event())) {
            throw ProviderException.badRequest(
                    "name, language and event are required, e.g. order_update, en_US, PAUSED");
        }
        CloudNumber number = number(id);
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("event", request.event().trim());
        value.put("message_template_id", Math.abs((long) (request.name() + request.language()).hashCode()));
        value.put("message_template_name", request.name().trim());
        value.put("message_template_language", request.language().trim());
        value.put("reason", blank(request.reason()) ? "NONE" : request.reason());
        Map<String, Object> body = webhooks.templateStatus(number, value);
        templates.set(
                number.businessAccountId(),
                request.name().trim(),
                request.language().trim(),
                request.event());
        return body;
    }

    @POST
    @Path("/violation")
    public Map<String, Object> violation(@PathParam("phoneNumberId") String id, ViolationRequest request) {
        if (request == null || blank(request.type())) {
            throw ProviderException.badRequest("type is required, e.g. SCAM");
        }
        return webhooks.accountUpdate(
                number(id),
                Map.of("event", "ACCOUNT_VIOLATION", "violation_info", Map.of("violation_type", request.type())));
    }

    @POST
    @Path("/inbound")
    public Map<String, Object> inbound(@PathParam("phoneNumberId") String id, InboundRequest request) {
        if (request == null || blank(request.from()) || !request.from().trim().matches("\\+?[1-9][0-9]{6,14}")) {
            throw ProviderException.badRequest("from is required: the client's number, E.164");
        }
        return webhooks.inbound(
                number(id),
                request.from().trim(),
                blank(request.text()) ? "hello" : request.text(),
                "wamid.IN" + java.util.UUID.randomUUID().toString().replace("-", ""));
    }

    @PUT
    @Path("/health")
    public Map<String, Object> health(@PathParam("phoneNumberId") String id, HealthRequest request) {
        HealthRequest given = request == null ? new HealthRequest(null, null, null, null) : request;
        CloudNumber number = number(id);
        number.health(
                blank(given.canSendMessage())
                        ? "AVAILABLE"
                        : given.canSendMessage().trim(),
                given.errors() == null ? List.of() : List.copyOf(given.errors()),
                blank(given.quality()) ? null : given.quality().trim(),
                blank(given.limit()) ? null : given.limit().trim());
        return number.standingView();
    }

    private CloudNumber number(String id) {
        return numbers.find(id).orElseThrow(() -> ProviderException.notFound("cloud number not found: " + id));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
