package io.switchboard.queue.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The service's defaults of what an account may set for itself ({@code PUT /v1/accounts/{id}/queue-settings}). */
@ConfigMapping(prefix = "switchboard.queue")
public interface QueueDefaults {

    /** Time-to-live of a message that names none: held longer, it ends EXPIRED. */
    @WithDefault("24h")
    Duration defaultTtl();

    /** The longest time-to-live a message or an account may ask for. */
    @WithDefault("30d")
    Duration maxTtl();

    @WithDefault("AUTO")
    ReleaseMode releaseMode();

    Pacing pacing();

    /** How often the held-messages gauges (per channel) are read from the database. */
    @WithDefault("15s")
    Duration metricsRefresh();

    /** Ban safety: how sends of one channel are spaced. 0 everywhere sends as fast as the provider answers. */
    interface Pacing {

        /** WhatsApp Web channels: the least gap between two sends of a channel. */
        @WithDefault("500ms")
        Duration minGap();

        /** WhatsApp Web channels: a backlog released after a reconnect is sent with a random gap in this range. */
        @WithDefault("1s")
        Duration backlogGapMin();

        @WithDefault("3s")
        Duration backlogGapMax();

        /** Cloud API channels: sends per second. */
        @WithDefault("80")
        int cloudApiRate();
    }
}
