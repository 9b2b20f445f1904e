package io.switchboard.channel.provider;

import io.switchboard.channel.registry.Channel;
import io.switchboard.channel.webhook.WebhookResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Opens provider sessions for channels, telling the provider where to post the channel's webhooks. */
@ApplicationScoped
public class ProviderSessions {

    private final ProviderApi provider;
    private final ProviderSettings settings;

    public ProviderSessions(@RestClient ProviderApi provider, ProviderSettings settings) {
        this.provider = provider;
        this.settings = settings;
    }

    /** Restarts the channel's provider session. */
    @Timeout(10_000)
    public void restart(String providerChannelId) {
        provider.restart(providerChannelId);
    }

    /** One "Enable here" attempt: true if the provider took the number back. */
    @Timeout(10_000)
    public boolean takeOver(String providerChannelId) {
        try {
            provider.takeOver(providerChannelId);
            return true;
        } catch (jakarta.ws.rs.WebApplicationException e) {
            return false; // 409 opened elsewhere, or another refusal: the next attempt decides
        }
    }

    /** Creates the provider session; returns the provider's channel id. */
    @Retry(maxRetries = 2, delay = 200)
    @Timeout(15_000)
    public String open(Channel channel) {
        String url = settings.webhook().baseUrl() + "/v1/provider/webhooks/" + channel.id;
        return provider.createChannel(new ProviderApi.CreateProviderChannel(channel.name, channel.phone,
                new ProviderApi.Webhook(url, Map.of(WebhookResource.SECRET_HEADER, channel.webhookSecret)))).id();
    }
}
