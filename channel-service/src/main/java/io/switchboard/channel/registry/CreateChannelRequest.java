package io.switchboard.channel.registry;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.validation.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/channels}. {@code kind} defaults to a WhatsApp Web session; a Cloud API channel names its number's
 * {@code cloudPhoneNumberId} and, so that Meta's {@code account_update} webhooks reach it, its WhatsApp Business
 * Account ({@code cloudBusinessAccountId}, optional).
 */
record CreateChannelRequest(
        @NotBlank(message = "is required (E.164, e.g. +14155550101)")
        @Size(max = 32, message = "is at most 32 characters")
        String phone,

        @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") @SingleLine
        String name,

        ChannelKind kind,

        @Size(max = 30, message = "is at most 30 digits")
        @Pattern(regexp = "\\d{1,30}", message = "is the Cloud API's numeric phone number id")
        String cloudPhoneNumberId,

        @Size(max = 30, message = "is at most 30 digits")
        @Pattern(regexp = "\\d{1,30}", message = "is the numeric id of the WhatsApp Business Account")
        String cloudBusinessAccountId) {

    public ChannelKind kindOrDefault() {
        return kind == null ? ChannelKind.WEB_SESSION : kind;
    }

    /** A Cloud API channel needs its number's id; a WhatsApp Web channel has none, and no business account. */
    void checkCloudPhoneNumberId() {
        boolean cloud = kindOrDefault() == ChannelKind.CLOUD_API;
        if (cloud != (cloudPhoneNumberId != null)) {
            throw new ProblemException(Problem.invalidField(
                    "cloudPhoneNumberId", "is required for a CLOUD_API channel, and only for one"));
        }
        if (!cloud && cloudBusinessAccountId != null) {
            throw new ProblemException(
                    Problem.invalidField("cloudBusinessAccountId", "is for a CLOUD_API channel only"));
        }
    }
}
