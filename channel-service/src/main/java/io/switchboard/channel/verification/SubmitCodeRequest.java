package io.switchboard.channel.verification;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/channels/{id}/verification/code}: the code the owner received; {@code pin} is the number's two-step
 * verification PIN when one was set outside Switchboard (otherwise Switchboard's own PIN for the number is used).
 */
record SubmitCodeRequest(
        @NotNull(message = "is required: the 4 to 6 digit code received by SMS or voice")
        @Size(max = 6, message = "must be 4 to 6 digits")
        @Pattern(regexp = "\\d{4,6}", message = "must be 4 to 6 digits")
        String code,

        @Size(max = 6, message = "must be 6 digits") @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
        String pin) {}
