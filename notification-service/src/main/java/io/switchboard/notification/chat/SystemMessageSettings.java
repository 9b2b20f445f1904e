package io.switchboard.notification.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The in-chat system messages (docs/product/system-messages.md): their brand, the defaults of an account, and the fixed
 * rules.
 */
@ConfigMapping(prefix = "switchboard.system-messages")
public interface SystemMessageSettings {

    /** Shown in every text: {@code === SYSTEM <brand> === ...}. */
    @WithDefault("Switchboard")
    String brand();

    /** ND of an account that has not chosen: "not delivered" after this many minutes. */
    @WithDefault("30")
    int notDeliveredMinutes();

    /** NR of an account that has not chosen: "not read" this many hours after delivery. */
    @WithDefault("12")
    int notReadHours();

    /** After "not delivered", a delivery read within this is "delivered and read", else "finally delivered". */
    @WithDefault("30m")
    Duration readWindow();

    /** "Status unknown" is written at most once per chat in this time. */
    @WithDefault("24h")
    Duration unknownInterval();

    /** How often a replica looks for chat timers that are due. */
    @WithDefault("1s")
    Duration pollInterval();
}
