package io.switchboard.notification.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When a channel's curators are told about it. */
@ConfigMapping(prefix = "switchboard.notifications.channels")
public interface NoticeSettings {

    /**
     * A change of a channel's status is told once it has held this long; a channel back where it was within this
     * window tells nothing. Alerts (unstable, stuck, phone overdue, QR expired) are told at once: they have waited
     * already.
     */
    @WithDefault("60s")
    Duration debounce();

    /** How often a replica looks for changes whose window has passed. */
    @WithDefault("1s")
    Duration pollInterval();
}
