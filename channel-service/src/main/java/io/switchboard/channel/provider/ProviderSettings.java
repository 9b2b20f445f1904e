package io.switchboard.channel.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the provider and the Cloud API are, and where the provider reaches this service. */
@ConfigMapping(prefix = "switchboard")
public interface ProviderSettings {

    Provider provider();

    Webhook webhook();

    CloudApi cloudApi();

    interface Provider {
        /** Base URL of the provider's HTTP API. */
        String baseUrl();

        /** Partner API key sent as a bearer token. */
        String apiKey();
    }

    /** The official WhatsApp Cloud API, for verifying Cloud API numbers. */
    interface CloudApi {
        /** Base URL including the API version, e.g. {@code https://graph.facebook.com/v21.0}. */
        String baseUrl();

        /** Access token (system user token) sent as a bearer token. */
        String accessToken();
    }

    interface Webhook {
        /**
         * This service's address as the provider reaches it; webhooks go to
         * {@code <base-url>/v1/provider/webhooks/<channelId>}.
         */
        String baseUrl();

        /**
         * The same webhook (channel and body) again within this time is the provider retrying a delivery, applied
         * once; later it is a new event that happens to look the same.
         */
        @WithDefault("10m")
        Duration redeliveryWindow();

        /** How long a channel's webhook secret is kept in memory before it is read again. */
        @WithDefault("1m")
        Duration secretCacheTtl();
    }
}
