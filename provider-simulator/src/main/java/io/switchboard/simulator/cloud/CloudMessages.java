package io.switchboard.simulator.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.message.Numbers;
import io.switchboard.simulator.message.ReceiptSender;
import io.switchboard.simulator.message.Recipients;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Cloud API's send: {@code POST /{phone-number-id}/messages} with a text or a template. Only a registered number sends; a
 * recipient without WhatsApp is Meta's 131026 "Message undeliverable". The Cloud API knows no idempotency key: every
 * call that is answered 200 reaches the recipient. Its receipts are Meta's {@code statuses} webhooks.
 */
@Path("/cloud/v1/{phoneNumberId}/messages")
@CloudTokenRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cloud API")
public class CloudMessages {

    static final int NOT_REGISTERED = 133010;
    static final int UNDELIVERABLE = 131026;

    private final CloudNumbers numbers;
    private final Numbers recipientsNumbers;
    private final Recipients recipients;
    private final ReceiptSender receipts;
    private final MetaWebhooks meta;
    private final CloudTemplates templates;

    public CloudMessages(
            CloudNumbers numbers,
            Numbers recipientsNumbers,
            Recipients recipients,
            ReceiptSender receipts,
            MetaWebhooks meta,
            CloudTemplates templates) {
        this.templates = templates;
        this.numbers = numbers;
        this.recipientsNumbers = recipientsNumbers;
        this.recipients = recipients;
        this.receipts = receipts;
        this.meta = meta;
    }

    @POST
    public Sent send(@PathParam("phoneNumberId") String id, SendRequest request) {
        CloudNumber number = numbers.get(id);
        if (request == null || !"whatsapp".equals(request.messagingProduct())) {
            throw CloudApiException.badParameter("(#100) Param messaging_product must be whatsapp");
        }
        String body = "template".equals(request.type()) ? templateText(request.template()) : null;
        if (body == null
                && (!"text".equals(request.type())
                        || request.text() == null
                        || blank(request.text().body()))) {
            throw CloudApiException.badParameter("(#100) Param text['body'] is required for type text");
        }
        if (body == null) {
            body = request.text().body();
        }
        if (blank(request.to())) {
            throw CloudApiException.badParameter("(#100) Param to is required");
        }
        number.requireRegistered();
        if ("template".equals(request.type())) {
            templates.requireSendable(number.businessAccountId(), request.template());
        }
        String to = request.to().trim();
        if (!recipientsNumbers.hasWhatsApp(to)) {
            throw new CloudApiException(400, UNDELIVERABLE, "(#131026) Message undeliverable");
        }
        String messageId = "wamid."
                + recipients
                        .deliver(id, number.phone(), to, body, null)
                        .result()
                        .message()
                        .id();
        // Meta's statuses webhooks follow, to the app's callback URL (as the recipient's script or the defaults say)
        receipts.deliveredCloud(to, status -> meta.status(number, messageId, to, status));
        return new Sent(
                "whatsapp",
                List.of(new Sent.Contact(to, to.replaceAll("\\D", ""))),
                List.of(new Sent.Message(messageId)));
    }

    /**
     * A template as the recipient reads it here: {@code [template name (language)] value, value}; a template without a
     * name or language is Meta's 100.
     */
    private static String templateText(JsonNode template) {
        String name = template == null ? "" : template.path("name").asText("");
        String language =
                template == null ? "" : template.path("language").path("code").asText("");
        if (name.isBlank() || language.isBlank()) {
            throw CloudApiException.badParameter("(#100) Param template['name'] and template['language'] are required");
        }
        List<String> values = new java.util.ArrayList<>();
        for (JsonNode component : template.path("components")) {
            for (JsonNode parameter : component.path("parameters")) {
                values.add(parameter.path("text").asText(""));
            }
        }
        return "[template " + name + " (" + language + ")]" + (values.isEmpty() ? "" : " " + String.join(", ", values));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public record SendRequest(
            @JsonProperty("messaging_product") String messagingProduct,
            @JsonProperty("recipient_type") String recipientType,
            String to,
            String type,
            Text text,
            JsonNode template,
            @JsonProperty("biz_opaque_callback_data") String callbackData) {

        public record Text(String body) {}
    }

    public record Sent(
            @JsonProperty("messaging_product") String messagingProduct,
            List<Contact> contacts,
            List<Message> messages) {

        public record Contact(
                String input, @JsonProperty("wa_id") String waId) {}

        public record Message(String id) {}
    }
}
