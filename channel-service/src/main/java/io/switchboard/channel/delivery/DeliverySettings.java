package io.switchboard.channel.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code switchboard.delivery.*}: how long the facts about single sends are kept. */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliverySettings {

    /** A send is forgotten this long after it was sent (or acknowledged): longer than any watchdog window. */
    @WithDefault("24h")
    Duration keepSends();

    /** How often sends older than {@link #keepSends()} are deleted. */
    @WithDefault("10m")
    Duration pruneEvery();
}
