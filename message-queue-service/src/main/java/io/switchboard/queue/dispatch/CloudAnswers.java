package io.switchboard.queue.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What the Cloud API's answer to a send means. Its errors come as HTTP 400 with a code in {@code error.code} (the
 * same shape as the gateway's), so the code decides: 131026 (undeliverable: no WhatsApp account, or one that cannot
 * receive) ends the message FAILED {@code NO_WHATSAPP_ACCOUNT}; the throughput limits are a 429. Anything else is
 * read as a gateway answer would be (401 waits FROZEN, 5xx is retried, another 4xx is FAILED with the code).
 * 131047, a message accepted within the chat's 24-hour customer service window but held until after it closed, is
 * FAILED {@code OUTSIDE_SERVICE_WINDOW}.
 */
final class CloudAnswers {

    /** Message undeliverable. */
    static final String UNDELIVERABLE = "131026";
    /** Free text outside the 24-hour customer service window (accepted inside it, held until after it closed). */
    static final String OUTSIDE_SERVICE_WINDOW = "131047";
    /** Throughput (130429), pair rate (131056), too many calls of the business account (80007, 4). */
    private static final Set<String> RATE_LIMITS = Set.of("130429", "131056", "80007", "4");

    private CloudAnswers() {}

    static SendOutcome outcome(LaneClaim.ClaimedMessage message, ProviderAnswer answer) {
        if (answer.ok()) {
            JsonNode id = answer.body() == null
                    ? null
                    : answer.body().path("messages").path(0).path("id");
            return new SendOutcome(
                    message,
                    SendOutcome.Kind.SENT,
                    null,
                    null,
                    id == null || !id.isTextual() ? null : id.asText(),
                    null);
        }
        String code = answer.errorCode();
        if (UNDELIVERABLE.equals(code)) {
            return new SendOutcome(
                    message,
                    SendOutcome.Kind.NO_WHATSAPP,
                    NoWhatsApp.REASON + " (Cloud API " + code + ": " + answer.errorText() + ")",
                    NoWhatsApp.CODE,
                    null,
                    null);
        }
        if (OUTSIDE_SERVICE_WINDOW.equals(code)) {
            return new SendOutcome(
                    message,
                    SendOutcome.Kind.FAILED,
                    "outside the 24-hour customer service window: the client has not written within 24 hours, and"
                            + " WhatsApp takes only a template then (Cloud API " + code + ")",
                    "OUTSIDE_SERVICE_WINDOW",
                    null,
                    null);
        }
        if (answer.status() == 400 && RATE_LIMITS.contains(code)) {
            return SendOutcome.of(
                    message, SendOutcome.Kind.RATE_LIMITED, "Cloud API rate limit (" + code + "); will retry");
        }
        return LaneRun.outcome(message, answer);
    }
}
