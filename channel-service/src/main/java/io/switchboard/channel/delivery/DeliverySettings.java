package io.switchboard.channel.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code switchboard.delivery.*}: how long the facts about single sends are kept, and what the watchdog suspects. */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliverySettings {

    /** A send is forgotten this long after it was sent (or acknowledged): longer than any watchdog window. */
    @WithDefault("24h")
    Duration keepSends();

    /** How often sends older than {@link #keepSends()} are deleted. */
    @WithDefault("10m")
    Duration pruneEvery();

    /** The delivery watchdog: connected but not delivering. */
    Watch watch();

    /** {@code switchboard.delivery.watch.*} */
    interface Watch {

        /** Off: no channel is ever found stalled (nor held for it). */
        @WithDefault("true")
        boolean enabled();

        /**
         * A send the provider accepted is suspect when no receipt at all (not even the server's "sent") came for it,
         * nor any receipt of the channel since it was sent, within this time.
         */
        @WithDefault("10m")
        Duration window();

        /** Suspect sends must be to at least this many distinct chats: one client's phone being off is no stall. */
        @WithDefault("3")
        int minChats();

        /** How often the sends are looked over for suspect channels. */
        @WithDefault("15s")
        Duration scanEvery();
    }
}
