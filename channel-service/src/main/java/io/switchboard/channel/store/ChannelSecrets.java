package io.switchboard.channel.store;

import io.switchboard.platform.secrets.SealedColumns;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The channel's secrets kept sealed: its webhook secret and its registration PIN. */
final class ChannelSecrets {

    private ChannelSecrets() {}

    @Produces
    @Singleton
    static SealedColumns channelSecrets() {
        return new SealedColumns("channel", "id", List.of("webhook_secret", "registration_pin"));
    }
}
