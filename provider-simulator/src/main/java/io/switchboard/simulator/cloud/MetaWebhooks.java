package io.switchboard.simulator.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.webhook.WebhookDispatcher;
import io.switchboard.simulator.webhook.WebhookTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts Meta's webhooks of the Cloud API numbers to the app's callback URL, as Meta does: {@code object:
 * whatsapp_business_account}, one entry of the business account with one change, the body signed with the app secret
 * in {@code X-Hub-Signature-256}. They go in one ordered queue, as the app has one callback URL.
 */
@ApplicationScoped
class MetaWebhooks {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final String QUEUE = "meta-app";

    private final WebhookDispatcher dispatcher;
    private final ObjectMapper objectMapper;
    private final SimulatorSettings.Meta settings;
    /** The app's callback URL: the setting's, until the control API sets another (as the app's dashboard would). */
    private final AtomicReference<URI> url;

    MetaWebhooks(WebhookDispatcher dispatcher, ObjectMapper objectMapper, SimulatorSettings settings) {
        this.dispatcher = dispatcher;
        this.objectMapper = objectMapper;
        this.settings = settings.meta();
        this.url = new AtomicReference<>(this.settings.webhookUrl().orElse(null));
    }

    /** Meta's webhooks go to this URL from now on; null: none is posted. */
    void callbackUrl(URI callback) {
        url.set(callback);
    }

    URI callbackUrl() {
        return url.get();
    }

    /** {@code phone_number_quality_update} of the number: an event (FLAGGED, DOWNGRADE, ...) and its limit, if any. */
    Map<String, Object> quality(CloudNumber number, String event, String limit) {
        if (number.phone() == null) {
            throw ProviderException.badRequest(
                    "the number was defined without a phone: Meta names it by its display phone number");
        }
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("display_phone_number", number.phone().replace("+", ""));
        value.put("event", event);
        if (limit != null) {
            value.put("current_limit", limit);
            value.put("max_daily_conversations_per_business", limit);
        }
        return post(accountOf(number, false), "phone_number_quality_update", value);
    }

    /** {@code message_template_status_update} of the number's business account, its value as given. */
    Map<String, Object> templateStatus(CloudNumber number, Map<String, Object> value) {
        return post(accountOf(number, true), "message_template_status_update", value);
    }

    /** {@code account_update} of the number's business account, its value as given. */
    Map<String, Object> accountUpdate(CloudNumber number, Map<String, Object> value) {
        return post(accountOf(number, true), "account_update", value);
    }

    /**
     * {@code messages} with one status of a message the number sent, as Meta posts it; nothing when no callback URL
     * is set (no app to tell).
     */
    void status(CloudNumber number, String messageId, String to, String status) {
        if (url.get() == null) {
            return;
        }
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("id", messageId);
        entry.put("status", status);
        entry.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        entry.put("recipient_id", to.replaceAll("\\D", ""));
        post(accountOf(number, false), "messages", messagesValue(number, "statuses", entry));
    }

    /** {@code messages} with a text a client wrote to the number. */
    Map<String, Object> inbound(CloudNumber number, String from, String text, String messageId) {
        String waId = from.replaceAll("\\D", "");
        Map<String, Object> value = messagesValue(
                number,
                "messages",
                Map.of(
                        "from",
                        waId,
                        "id",
                        messageId,
                        "timestamp",
                        Long.toString(Instant.now().getEpochSecond()),
                        "type",
                        "text",
                        "text",
                        Map.of("body", text)));
        value.put("contacts", List.of(Map.of("profile", Map.of("name", "Client"), "wa_id", waId)));
        return post(accountOf(number, false), "messages", value);
    }

    private static Map<String, Object> messagesValue(CloudNumber number, String kind, Map<String, Object> item) {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put(
                "metadata",
                Map.of(
                        "display_phone_number",
                        number.phone() == null ? "" : number.phone().replace("+", ""),
                        "phone_number_id",
                        number.phoneNumberId()));
        value.put(kind, List.of(item));
        return value;
    }

    private static String accountOf(CloudNumber number, boolean required) {
        if (number.businessAccountId() == null && required) {
            throw ProviderException.badRequest(
                    "the number was defined without a businessAccountId: account_update names the business account");
        }
        return number.businessAccountId() == null ? "0" : number.businessAccountId();
    }

    private Map<String, Object> post(String account, String field, Map<String, Object> value) {
        Map<String, Object> body = Map.of(
                "object",
                "whatsapp_business_account",
                "entry",
                List.of(Map.of(
                        "id",
                        account,
                        "time",
                        Instant.now().getEpochSecond(),
                        "changes",
                        List.of(Map.of("field", field, "value", value)))));
        URI callback = url.get();
        if (callback == null) {
            throw ProviderException.badRequest(
                    "no Meta webhook URL is set (simulator.meta.webhook-url, or PUT /control/meta/webhook)");
        }
        String json;
        try {
            json = objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        dispatcher.enqueueJson(QUEUE, new WebhookTarget(callback, Map.of(SIGNATURE_HEADER, signature(json))), json);
        return body;
    }

    private String signature(String json) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(json.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
