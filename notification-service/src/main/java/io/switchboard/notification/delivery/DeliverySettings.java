package io.switchboard.notification.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How notifications are delivered and retried. */
@ConfigMapping(prefix = "switchboard.notifications.delivery")
public interface DeliverySettings {

    /**
     * When each attempt is made, after the previous one (the first after the notification): the last failing attempt
     * dead-letters the delivery.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> schedule();

    /** Each wait is moved by up to this share of itself, either way, so that retries of many deliveries spread. */
    @WithDefault("0.2")
    double jitter();

    /** A receiver that has not answered within this is a failed attempt. */
    @WithDefault("15s")
    Duration timeout();

    /** How often a replica looks for deliveries that are due. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries taken per look; each is sent on its own, so a slow receiver holds up only its own. */
    @WithDefault("100")
    int batch();
}
