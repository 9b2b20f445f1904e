package io.switchboard.notification.curator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "switchboard.curators")
public interface CuratorSettings {

    /**
     * Webhook URLs may be plain {@code http} and reach loopback, private and link-local addresses: for a local run,
     * never in production (a curator's URL must not reach into the cluster).
     */
    @WithDefault("false")
    boolean allowLocalWebhooks();

    /** How long a webhook host's lookup may take before the delivery is retried later. */
    @WithDefault("5s")
    Duration resolveTimeout();

    /** Threads that look webhook hosts up (each lookup holds one until it answers or times out). */
    @WithDefault("8")
    int resolveThreads();

    /** How long a rotated webhook secret keeps signing beside the new one, for receivers to switch. */
    @WithDefault("24h")
    Duration secretGrace();
}
