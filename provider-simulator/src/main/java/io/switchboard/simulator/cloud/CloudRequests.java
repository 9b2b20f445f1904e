package io.switchboard.simulator.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Request and answer bodies of the Cloud API, in its snake_case. */
public final class CloudRequests {

    private CloudRequests() {}

    /** {@code POST /cloud/v1/{phoneNumberId}/request_code}. */
    public record RequestCode(@JsonProperty("code_method") String codeMethod, String language) {}

    /** {@code POST /cloud/v1/{phoneNumberId}/verify_code}. */
    public record VerifyCode(String code) {}

    /** {@code POST /cloud/v1/{phoneNumberId}/register}. */
    public record Register(
            @JsonProperty("messaging_product") String messagingProduct, String pin) {}

    /** {@code {"success":true}}. */
    public record Success(boolean success) {

        static final Success OK = new Success(true);
    }
}
