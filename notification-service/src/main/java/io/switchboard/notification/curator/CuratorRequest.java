package io.switchboard.notification.curator;

import io.switchboard.platform.validation.SingleLine;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A curator as a request gives it (create and replace).
 *
 * @param allChannels every channel of the account, also those added later (the default when no channel ids are
 *        given)
 * @param channelIds the channels followed when not all
 * @param kinds what the curator wants to be told; every kind when left out
 */
record CuratorRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") @SingleLine
        String name,

        @Size(max = 254, message = "is at most 254 characters")
        @Email(message = "is not an email address")
        @Pattern(regexp = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+", message = "is not an email address (name@example.com)")
        String email,

        @Size(max = 2000, message = "is at most 2000 characters")
        String webhookUrl,

        Boolean allChannels,

        @Size(max = 1000, message = "lists at most 1000 channels")
        List<
                        @NotNull(message = "is not a channel id (a UUID)")
                        @Pattern(
                                regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                                message = "is not a channel id (a UUID)")
                        String>
                channelIds,

        List<@NotNull(message = "is not a notification kind") NotificationKind> kinds) {}
