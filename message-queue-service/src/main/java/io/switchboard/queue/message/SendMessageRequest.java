package io.switchboard.queue.message;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/channels/{id}/messages}. */
public record SendMessageRequest(
        @NotBlank(message = "is required (E.164 phone number of the client, e.g. +14155550199)") String chatId,
        @NotBlank(message = "is required") @Size(max = 4096, message = "is at most 4096 characters") String text) {
}
