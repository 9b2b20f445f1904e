package io.switchboard.queue.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record SendMessageRequest(
        @NotBlank(message = "is required (E.164 phone number of the client, e.g. +14155550199)")
        @Size(max = 32, message = "is at most 32 characters")
        String chatId,

        @NotBlank(message = "is required") @Size(max = 4096, message = "is at most 4096 characters")
        String text,

        @Size(min = 1, max = 200, message = "is 1 to 200 characters")
        @Pattern(regexp = "[\\x21-\\x7E]+", message = "is printable ASCII without spaces")
        String idempotencyKey,

        @Min(value = 1, message = "is at least 1") Long ttlSeconds) {}
