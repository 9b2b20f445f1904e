package io.switchboard.channel.provider;

import io.smallrye.config.ConfigMapping;

/** Where the provider is, and where it reaches this service. */
@ConfigMapping(prefix = "switchboard")
public interface ProviderSettings {

    Provider provider();

    Webhook webhook();

    interface Provider {
        /** Base URL of the provider's HTTP API. */
        String baseUrl();

        /** Partner API key sent as a bearer token. */
        String apiKey();
    }

    interface Webhook {
        /** This service's address as the provider reaches it; webhooks go to {@code <base-url>/v1/provider/webhooks/<channelId>}. */
        String baseUrl();
    }
}
