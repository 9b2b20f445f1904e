package io.switchboard.channel.registry;

import io.switchboard.platform.validation.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /v1/channels/{id}}: the new name, the only thing of a channel that changes (its number never does: a
 * {@code phone} field is answered {@code phone-immutable}). The resource reads the body as a map to say so.
 */
record RenameChannelRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") @SingleLine
        String name) {}
