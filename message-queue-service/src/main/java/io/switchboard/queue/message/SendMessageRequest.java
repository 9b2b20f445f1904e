package io.switchboard.queue.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/channels/{id}/messages}, and one item of the batch form.
 *
 * @param idempotencyKey a client's key: the same key again (within the account) answers the first message, never a
 *        second one; the same key with another body is a 409
 * @param ttlSeconds how long the message may wait to be sent; left out: the account's default (24 h unless set)
 * @param text the message; required unless {@code template} is given
 * @param template a Cloud API channel's approved template, sent in place of text (outside a chat's 24-hour service
 *        window it is the only kind of message WhatsApp takes)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record SendMessageRequest(
        @NotBlank(message = "is required (E.164 phone number of the client, e.g. +14155550199)")
        @Size(max = 32, message = "is at most 32 characters")
        String chatId,

        @Size(min = 1, max = 4096, message = "is 1 to 4096 characters")
        String text,

        @Size(min = 1, max = 200, message = "is 1 to 200 characters")
        @Pattern(regexp = "[\\x21-\\x7E]+", message = "is printable ASCII without spaces")
        String idempotencyKey,

        @Min(value = 1, message = "is at least 1") Long ttlSeconds,

        @Valid MessageTemplate template) {}
