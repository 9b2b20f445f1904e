package io.switchboard.notification.curator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.curators")
public interface CuratorSettings {

    /**
     * Webhook URLs may be plain {@code http} and reach loopback, private and link-local addresses: for a local run,
     * never in production (a curator's URL must not reach into the cluster).
     */
    @WithDefault("false")
    boolean allowLocalWebhooks();
}
