package io.switchboard.notification.curator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A curator as the API shows it. The webhook secret is shown once, in the answer that made it.
 *
 * @param webhookSecret {@code whsec_} + base64: verifies the curator's webhooks (Standard Webhooks); only in the answer
 *        that created it
 * @param previousSecretValidUntil after a rotation: until when the previous secret signs too
 * @param webhookDisabledAt when the receiver answered 410 Gone; nothing is sent to it until the webhook is replaced
 */
record CuratorView(
        UUID id,
        String name,
        String email,
        String webhookUrl,
        boolean allChannels,
        List<String> channelIds,
        List<NotificationKind> kinds,
        boolean hasWebhookSecret,
        @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSecret,
        Instant previousSecretValidUntil,
        Instant webhookDisabledAt,
        String webhookDisabledReason,
        Instant createdAt,
        Instant updatedAt) {

    static CuratorView of(Curator curator, boolean showSecret) {
        return new CuratorView(
                curator.id,
                curator.name,
                curator.email,
                curator.webhookUrl,
                curator.allChannels,
                split(curator.channelIds),
                split(curator.kinds).stream().map(NotificationKind::valueOf).toList(),
                curator.webhookSecret != null,
                showSecret ? curator.webhookSecret : null,
                curator.previousWebhookSecret == null ? null : curator.previousSecretUntil,
                curator.webhookDisabledAt,
                curator.webhookDisabledReason,
                curator.createdAt,
                curator.updatedAt);
    }

    static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
