package io.switchboard.billing.charging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The daily charge run. */
@ConfigMapping(prefix = "switchboard.billing.charging")
public interface ChargingSettings {

    /** How often a replica looks for days to charge (any replica may; an account is charged by one at a time). */
    @WithDefault("1m")
    Duration interval();

    /**
     * How long after the end of a day (in the account's time zone) it is charged: status events of the day's last
     * minutes arrive first. A change that reaches billing later is not in that day's charge.
     */
    @WithDefault("10m")
    Duration settle();

    /** Accounts looked at per pass; the rest wait for the next. */
    @WithDefault("500")
    int accountsPerPass();
}
