package io.switchboard.queue.dispatch;

import io.smallrye.config.ConfigMapping;

/**
 * The official WhatsApp Cloud API that CLOUD_API channels send through; the local run points it at the provider
 * simulator. The same settings as channel-service's (which verifies the numbers).
 */
@ConfigMapping(prefix = "switchboard.cloud-api")
public interface CloudApiSettings {

    /** With the Graph API version, e.g. {@code https://graph.facebook.com/v21.0}. */
    String baseUrl();

    /** A system user's access token with {@code whatsapp_business_messaging}. */
    String accessToken();
}
