package io.switchboard.queue.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * What the provider answered to one call: an HTTP status and body, or no answer at all (status 0: no connection, a
 * time-out).
 *
 * @param retryAfter the provider's {@code Retry-After}, or null
 * @param failure what went wrong when there was no answer
 */
record ProviderAnswer(int status, JsonNode body, Duration retryAfter, String failure) {

    public static ProviderAnswer noAnswer(String failure) {
        return new ProviderAnswer(0, null, null, failure);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The provider's own error code ({@code error.code}), else the HTTP status. */
    public String errorCode() {
        JsonNode code = body == null ? null : body.path("error").path("code");
        return code != null && !code.isMissingNode() && !code.isNull() ? code.asText() : Integer.toString(status);
    }

    /** The provider's own words ({@code error.message}), else the HTTP status or the failure. */
    public String errorText() {
        if (status == 0) {
            return failure;
        }
        JsonNode message = body == null ? null : body.path("error").path("message");
        return message != null && message.isTextual() ? message.asText() : "HTTP " + status;
    }
}
