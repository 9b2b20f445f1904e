package io.switchboard.queue.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The provider's (WhatsApp gateway's) HTTP API; the local run points it at the provider simulator. */
@ConfigMapping(prefix = "switchboard.provider")
public interface ProviderClientSettings {

    @WithDefault("http://localhost:8090")
    String baseUrl();

    /** Bearer token of the provider API. */
    String apiKey();

    @WithDefault("2s")
    Duration connectTimeout();

    /** A send or contact check without an answer in this time counts as a provider error (retried, same key). */
    @WithDefault("10s")
    Duration requestTimeout();
}
