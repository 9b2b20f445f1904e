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

        /** Off: no delivery facts are kept (the API shows none) and no channel is found stalled. */
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

        /** The silence signal judges only channels that had at least this many inbound messages. */
        @WithDefault("50")
        long silenceMinInbound();

        /** Webhooks that stopped for this many times the channel's longest silence between inbound messages so far... */
        @WithDefault("2")
        double silenceFactor();

        /** ...and at least this long make the channel suspect. */
        @WithDefault("1h")
        Duration minSilence();

        /** After a probe to the account's probe number, how long its receipt is waited for before judging. */
        @WithDefault("2m")
        Duration probeWait();

        /** While a channel is stalled, how often a probe finds out whether it delivers again. */
        @WithDefault("5m")
        Duration probeEvery();
    }
}
