package io.switchboard.channel.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/channels}. */
public record CreateChannelRequest(
        @NotBlank(message = "is required (E.164, e.g. +14155550101)") String phone,
        @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") String name) {
}
