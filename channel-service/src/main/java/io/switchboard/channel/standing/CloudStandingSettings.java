package io.switchboard.channel.standing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often a Cloud API number's health status is asked for (docs/product/cloud-api-standing.md). */
@ConfigMapping(prefix = "switchboard.cloud-api.health")
public interface CloudStandingSettings {

    /** Asking at all: off, only Meta's webhooks tell the standing. */
    @WithDefault("true")
    boolean enabled();

    /** Gap between two asks for one number (Meta sends no webhook when a number becomes BLOCKED or LIMITED). */
    @WithDefault("15m")
    java.time.Duration pollEvery();

    /** How often numbers that are asked for nothing yet are looked for (new or re-verified ones). */
    @WithDefault("1m")
    Duration scanEvery();
}
