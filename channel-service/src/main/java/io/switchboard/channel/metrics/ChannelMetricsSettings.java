package io.switchboard.channel.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the channel gauges. */
@ConfigMapping(prefix = "switchboard.channel")
public interface ChannelMetricsSettings {

    /** How often the channels are counted by status from the database (read by {@link ChannelGauges}'s schedule). */
    @WithDefault("30s")
    Duration metricsRefresh();
}
