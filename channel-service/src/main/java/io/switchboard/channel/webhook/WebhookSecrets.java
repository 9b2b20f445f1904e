package io.switchboard.channel.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.channel.provider.ProviderSettings;
import io.switchboard.channel.store.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The webhook secret and account of each channel, as the ingress needs them for every webhook: read from the
 * database once and kept for a short while (a secret never changes; a channel never changes account).
 */
@ApplicationScoped
class WebhookSecrets {

    /** What authenticates a channel's webhooks and whose they are. */
    public record ChannelSecret(String channelId, String accountId, String secret) {}

    private final Channels channels;
    private final Cache<String, Optional<ChannelSecret>> cache;

    public WebhookSecrets(Channels channels, ProviderSettings settings) {
        this.channels = channels;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(settings.webhook().secretCacheTtl())
                .build();
    }

    /** The channel's secret; empty for a channel that does not exist (also remembered for a while). */
    public Optional<ChannelSecret> of(String channelId) {
        return cache.get(
                channelId,
                id -> QuarkusTransaction.requiringNew()
                        .call(() -> Optional.ofNullable(channels.findById(id))
                                .map(channel ->
                                        new ChannelSecret(channel.id, channel.accountId, channel.webhookSecret))));
    }
}
