package io.switchboard.channel.webhook;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Meta's webhooks of Cloud API numbers (docs/product/cloud-api-standing.md): the app's secret that signs them and the
 * token Meta shows when the callback URL is registered. Without an app secret every Meta webhook is refused.
 */
@ConfigMapping(prefix = "switchboard.cloud-api.webhook")
public interface MetaWebhookSettings {

    /** The Meta app's secret: Meta signs every webhook body with it ({@code X-Hub-Signature-256}). */
    Optional<String> appSecret();

    /** The verify token entered in the app's webhook settings; Meta sends it back when it checks the URL. */
    Optional<String> verifyToken();
}
