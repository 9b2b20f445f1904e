package io.switchboard.simulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.channel.ChannelLifecycle;
import io.switchboard.simulator.channel.ChannelRegistry;
import io.switchboard.simulator.channel.DeliveryMode;
import io.switchboard.simulator.channel.Flapping;
import io.switchboard.simulator.channel.HealthStatus;
import io.switchboard.simulator.channel.PhoneConnection;
import io.switchboard.simulator.channel.WebConflict;
import io.switchboard.simulator.cloud.CloudNumbers;
import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.message.NumberScript;
import io.switchboard.simulator.message.Numbers;
import io.switchboard.simulator.message.ReceiptSender;
import io.switchboard.simulator.message.ReceivedMessage;
import io.switchboard.simulator.message.Recipients;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scripts the simulated phones and inspects what they received. For tests and demos only, so it takes no key: the real
 * provider has nothing like it.
 */
@Path("/control")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Control API")
public class ControlResource {

    /** Enough for any test or demo; more would only flood the receiver. */
    private static final int MAX_FLAPS = 10_000;

    private final ChannelRegistry channels;
    private final ChannelLifecycle lifecycle;
    private final PhoneConnection phones;
    private final WebConflict conflicts;
    private final Flapping flapping;
    private final Recipients recipients;
    private final CloudNumbers cloudNumbers;
    private final Numbers numbers;
    private final ReceiptSender receipts;
    private final ObjectMapper json;

    public ControlResource(
            ChannelRegistry channels,
            ChannelLifecycle lifecycle,
            PhoneConnection phones,
            WebConflict conflicts,
            Flapping flapping,
            Recipients recipients,
            CloudNumbers cloudNumbers,
            Numbers numbers,
            ReceiptSender receipts,
            ObjectMapper json) {
        this.numbers = numbers;
        this.receipts = receipts;
        this.channels = channels;
        this.lifecycle = lifecycle;
        this.phones = phones;
        this.conflicts = conflicts;
        this.flapping = flapping;
        this.recipients = recipients;
        this.cloudNumbers = cloudNumbers;
        this.json = json;
    }

    @GET
    @Path("/channels")
    public List<ControlChannelView> channels() {
        return channels.all().stream().map(ControlChannelView::of).toList();
    }

    @GET
    @Path("/channels/{id}")
    public ControlChannelView channel(@PathParam("id") String id) {
        return ControlChannelView.of(channels.get(id));
    }

    @POST
    @Path("/channels/{id}/scan")
    public ControlChannelView scan(@PathParam("id") String id) {
        return ControlChannelView.of(lifecycle.scan(id));
    }

    @POST
    @Path("/channels/{id}/health")
    @Consumes(MediaType.APPLICATION_JSON)
    public ControlChannelView health(@PathParam("id") String id, HealthRequest request) {
        HealthStatus status = HealthStatus.parse(request == null ? null : request.status())
                .orElseThrow(() -> ProviderException.badRequest(
                        "status must be one of " + Arrays.toString(HealthStatus.values())));
        return ControlChannelView.of(lifecycle.pushHealth(id, status, Boolean.TRUE.equals(request.lost())));
    }

    @POST
    @Path("/channels/{id}/logout")
    public ControlChannelView logout(@PathParam("id") String id) {
        return ControlChannelView.of(lifecycle.logout(id));
    }

    @POST
    @Path("/channels/{id}/phone/offline")
    public ControlChannelView phoneOffline(@PathParam("id") String id) {
        return ControlChannelView.of(phones.offline(id));
    }

    @POST
    @Path("/channels/{id}/phone/online")
    public ControlChannelView phoneOnline(@PathParam("id") String id) {
        return ControlChannelView.of(phones.online(id));
    }

    @POST
    @Path("/channels/{id}/conflict")
    public ControlChannelView conflict(@PathParam("id") String id, String body) {
        ConflictRequest request = optionalBody(body, ConflictRequest.class);
        Integer succeedsAfter = request == null ? null : request.takeoverSucceedsAfter();
        if (succeedsAfter != null && succeedsAfter < 0) {
            throw ProviderException.badRequest("takeoverSucceedsAfter must not be negative");
        }
        return ControlChannelView.of(conflicts.conflict(id, succeedsAfter));
    }

    /** A client calls the channel: {@code {"from":"+14155550199","video":false}}; its {@code calls.post} follows. */
    @POST
    @Path("/channels/{id}/call")
    @Consumes(MediaType.APPLICATION_JSON)
    public java.util.Map<String, String> call(@PathParam("id") String id, CallRequest request) {
        if (request == null
                || request.from() == null
                || !request.from().replaceAll("\\D", "").matches("[1-9][0-9]{6,14}")) {
            throw ProviderException.badRequest("from must be a phone number, e.g. +14155550199");
        }
        return java.util.Map.of("id", lifecycle.call(id, request.from(), Boolean.TRUE.equals(request.video())));
    }

    /**
     * A client writes to the channel: {@code {"from":"+14155550199","text":"hi"}}; its {@code messages.post} follows.
     */
    @POST
    @Path("/channels/{id}/inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    public java.util.Map<String, String> inbound(@PathParam("id") String id, InboundRequest request) {
        if (request == null
                || request.from() == null
                || !request.from().replaceAll("\\D", "").matches("[1-9][0-9]{6,14}")) {
            throw ProviderException.badRequest("from must be a phone number, e.g. +14155550199");
        }
        String text = request.text() == null || request.text().isBlank() ? "Hello" : request.text();
        return java.util.Map.of("id", lifecycle.inbound(id, request.from(), text));
    }

    @POST
    @Path("/channels/{id}/qr/expire")
    public ControlChannelView expireQr(@PathParam("id") String id) {
        return ControlChannelView.of(lifecycle.expireQr(id));
    }

    @POST
    @Path("/channels/{id}/flap")
    @Consumes(MediaType.APPLICATION_JSON)
    public ControlChannelView flap(@PathParam("id") String id, FlapRequest request) {
        if (request == null
                || request.everySeconds() == null
                || !(request.everySeconds() > 0)
                || request.everySeconds().isInfinite()) {
            throw ProviderException.badRequest("everySeconds must be a positive number");
        }
        if (request.times() == null || request.times() < 1 || request.times() > MAX_FLAPS) {
            throw ProviderException.badRequest("times must be between 1 and " + MAX_FLAPS);
        }
        long periodMillis = Math.max(1, Math.round(request.everySeconds() * 1000));
        return ControlChannelView.of(flapping.start(id, periodMillis, request.times()));
    }

    @DELETE
    @Path("/channels/{id}/flap")
    public ControlChannelView stopFlap(@PathParam("id") String id) {
        return ControlChannelView.of(flapping.stop(id));
    }

    @POST
    @Path("/channels/{id}/stuck")
    public ControlChannelView stuck(@PathParam("id") String id, String body) {
        StuckRequest request = optionalBody(body, StuckRequest.class);
        int restarts = request == null || request.restartsToRecover() == null ? 0 : request.restartsToRecover();
        if (restarts < 0) {
            throw ProviderException.badRequest("restartsToRecover must not be negative");
        }
        return ControlChannelView.of(lifecycle.stick(id, restarts));
    }

    /**
     * How the channel's sends fare: {@code {"mode":"ZOMBIE"}} (accepted, health AUTH, but no receipt and no webhook
     * at all), {@code RECIPIENTS_OFFLINE} (only the server's "sent"), or {@code NORMAL}.
     */
    @PUT
    @Path("/channels/{id}/delivery")
    @Consumes(MediaType.APPLICATION_JSON)
    public ControlChannelView delivery(@PathParam("id") String id, DeliveryRequest request) {
        if (request == null || request.mode() == null) {
            throw ProviderException.badRequest(
                    "a body is required: {\"mode\":\"NORMAL\"|\"ZOMBIE\"|\"RECIPIENTS_OFFLINE\"}");
        }
        return ControlChannelView.of(lifecycle.delivery(id, request.mode()));
    }

    /** The body of {@code PUT /control/channels/{id}/delivery}. */
    public record DeliveryRequest(DeliveryMode mode) {}

    @GET
    @Path("/channels/{id}/messages")
    public List<ReceivedMessage> messagesOf(@PathParam("id") String id) {
        return recipients.ofChannel(channels.get(id).id());
    }

    @GET
    @Path("/messages")
    public List<ReceivedMessage> messages(@QueryParam("to") String to) {
        return recipients.to(to);
    }

    /**
     * A body that may be left out: read as text so that a bare {@code curl -X POST}, which sends no content type, is
     * accepted as well as a JSON one.
     */
    private <T> T optionalBody(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ProviderException.badRequest(
                    "the body is not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Scripts a recipient's number: {@code {"whatsApp":false}} (sends get 404, the contact check says invalid), or its
     * receipts, {@code {"receipts":[{"status":"delivered","afterMillis":200},{"status":"read","afterMillis":900}]}}
     * (an empty list: the receipts are lost).
     */
    @PUT
    @Path("/numbers/{phone}")
    @Consumes(MediaType.APPLICATION_JSON)
    public NumberScript scriptNumber(@PathParam("phone") String phone, NumberScript script) {
        if (script == null) {
            throw ProviderException.badRequest("a body is required: {\"whatsApp\":..., \"receipts\":[...]}");
        }
        if (script.receipts() != null) {
            for (NumberScript.ScriptedReceipt receipt : script.receipts()) {
                if (receipt == null
                        || receipt.status() == null
                        || receipt.status().isBlank()
                        || receipt.afterMillis() < 0) {
                    throw ProviderException.badRequest("each receipt needs a status and afterMillis >= 0");
                }
            }
        }
        numbers.script(phone, script);
        return script;
    }

    /** What the recipients received: how many, when the first and the last arrived. */
    @GET
    @Path("/messages/stats")
    public Recipients.Stats messageStats() {
        return recipients.stats();
    }

    /**
     * The receipts of numbers nobody scripted: {@code {"sentAfterMillis":50,"deliveredAfterMillis":100,
     * "readAfterMillis":null}} (null: never; all null: no receipts at all, as for a benchmark of the send path).
     */
    @GET
    @Path("/receipts")
    public ReceiptSender.Defaults receiptDefaults() {
        return receipts.current();
    }

    @PUT
    @Path("/receipts")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReceiptSender.Defaults receiptDefaults(ReceiptSender.Defaults defaults) {
        if (defaults == null
                || (defaults.sentAfterMillis() != null && defaults.sentAfterMillis() < 0)
                || (defaults.deliveredAfterMillis() != null && defaults.deliveredAfterMillis() < 0)
                || (defaults.readAfterMillis() != null && defaults.readAfterMillis() < 0)) {
            throw ProviderException.badRequest(
                    "sentAfterMillis, deliveredAfterMillis and readAfterMillis are >= 0 or null");
        }
        receipts.defaults(defaults);
        return defaults;
    }

    @GET
    @Path("/numbers")
    public java.util.Map<String, NumberScript> numbers() {
        return numbers.all();
    }

    @DELETE
    @Path("/numbers/{phone}")
    public void forgetNumber(@PathParam("phone") String phone) {
        numbers.forget(phone);
    }

    @POST
    @Path("/reset")
    public void reset() {
        lifecycle.reset();
        recipients.clear();
        cloudNumbers.clear();
        numbers.clear();
        receipts.defaults(null);
    }
}
