package io.switchboard.channel.status;

import io.switchboard.contracts.channel.ChannelStatus;
import java.util.Optional;

/** Whapi health status texts (docs/product/provider-webhooks.md) to the connection statuses of the catalogue. */
final class ProviderStatusMapping {

    private ProviderStatusMapping() {}

    /** The connection status for a health text; empty for a text the catalogue does not know. */
    public static Optional<ChannelStatus> connectionStatus(String healthText) {
        if (healthText == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (healthText.toUpperCase(java.util.Locale.ROOT)) {
                    case "INIT", "LAUNCH" -> ChannelStatus.STARTING;
                    case "QR" -> ChannelStatus.QR_REQUIRED;
                    case "AUTH" -> ChannelStatus.ACTIVE;
                    case "SYNC_ERROR" -> ChannelStatus.SYNC_ERROR;
                    // STOP: the provider deactivated the session (trial, subscription, manual): it cannot send until
                    // restarted, which is what ERROR asks for.
                    case "ERROR", "STOP" -> ChannelStatus.ERROR;
                    default -> null;
                });
    }
}
