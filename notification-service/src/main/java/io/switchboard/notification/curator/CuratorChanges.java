package io.switchboard.notification.curator;

import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of a curator: an email or a webhook (a public address unless local ones are allowed), all channels or some,
 * the kinds it hears of, one curator per address in an account, and a webhook secret made when a webhook is new.
 */
@ApplicationScoped
class CuratorChanges {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Curators curators;
    private final CuratorSettings settings;
    private final HostResolver resolver;
    private final Clock clock;

    CuratorChanges(Curators curators, CuratorSettings settings, HostResolver resolver, Clock clock) {
        this.curators = curators;
        this.settings = settings;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** Validates the request onto the curator; true when a webhook secret was made for it. */
    boolean apply(Curator curator, CuratorRequest request) {
        String email = blankToNull(request.email());
        String webhook = blankToNull(request.webhookUrl());
        if (email == null && webhook == null) {
            throw new ProblemException(Problem.invalidField("email", "an email or a webhookUrl (or both) is required"));
        }
        if (webhook != null) {
            webhook = WebhookTargets.check(webhook, settings.allowLocalWebhooks(), resolver);
        }
        Set<String> channels = new LinkedHashSet<>(request.channelIds() == null ? List.of() : request.channelIds());
        boolean all = request.allChannels() == null ? channels.isEmpty() : request.allChannels();
        if (all && !channels.isEmpty()) {
            throw new ProblemException(Problem.invalidField("channelIds", "are not given when allChannels is true"));
        }
        if (!all && channels.isEmpty()) {
            throw new ProblemException(Problem.invalidField("channelIds", "name at least one channel, or allChannels"));
        }
        if (request.kinds() != null
                && (request.kinds().isEmpty() || request.kinds().contains(null))) {
            throw new ProblemException(
                    Problem.invalidField("kinds", "name at least one kind (or leave kinds out for all)"));
        }
        Set<NotificationKind> kinds =
                request.kinds() == null ? EnumSet.allOf(NotificationKind.class) : EnumSet.copyOf(request.kinds());
        if (curators.taken(curator.accountId, curator.id, email, webhook)) {
            throw ProblemException.conflict(
                    "curator-exists", "Curator exists", "Another curator of the account has this email or webhook URL");
        }
        boolean newSecret = webhook != null && curator.webhookSecret == null;
        curator.name = request.name().strip();
        curator.email = email == null ? null : email.toLowerCase(Locale.ROOT);
        if (webhook == null || !webhook.equals(curator.webhookUrl)) {
            curator.webhookDisabledAt = null; // a new receiver is given its chance
            curator.webhookDisabledReason = null;
        }
        curator.webhookUrl = webhook;
        curator.webhookSecret = webhook == null ? null : newSecret ? secret() : curator.webhookSecret;
        if (curator.webhookSecret == null || newSecret) {
            curator.previousWebhookSecret = null;
            curator.previousSecretUntil = null;
        }
        curator.allChannels = all;
        curator.channelIds = String.join(",", channels);
        curator.kinds = String.join(",", kinds.stream().map(Enum::name).toList());
        curator.updatedAt = clock.instant();
        return newSecret;
    }

    /** A new webhook secret: 32 random bytes, in the Standard Webhooks form. */
    static String secret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
