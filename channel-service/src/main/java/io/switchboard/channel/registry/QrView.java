package io.switchboard.channel.registry;

import io.switchboard.channel.store.Channel;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import java.time.Instant;

/** {@code GET /v1/channels/{id}/qr}: the QR code to scan, and whether it is still valid. */
record QrView(String channelId, String imageBase64, Instant expiresAt, boolean expired) {

    /** The channel's current QR code, or 404 when it is not waiting for a scan or has no code yet. */
    static QrView of(Channel channel) {
        if (channel.effectiveStatus() != ChannelStatus.QR_REQUIRED || channel.qrImage == null) {
            throw new ProblemException(Problem.of(
                            404,
                            "no-qr-code",
                            "No QR code",
                            "Channel " + channel.id + " is " + channel.effectiveStatus()
                                    + (channel.effectiveStatus() == ChannelStatus.QR_REQUIRED
                                            ? " but the provider has not sent a QR code yet"
                                            : ": there is nothing to scan"))
                    .with("status", channel.effectiveStatus()));
        }
        return new QrView(
                channel.id,
                channel.qrImage,
                channel.qrExpiresAt,
                channel.qrExpiresAt != null && !channel.qrExpiresAt.isAfter(Instant.now()));
    }
}
