package io.switchboard.simulator.control;

import io.switchboard.simulator.channel.QrCode;
import io.switchboard.simulator.channel.SimulatedChannel;

/**
 * A channel as the control API shows it: with where its webhooks go, whether a phone is linked, and what is scripted
 * for it (phone state, conflict, flap, stuck, delivery mode, current QR code).
 */
public record ControlChannelView(
        String id,
        String name,
        String phone,
        String status,
        String webhookUrl,
        boolean linked,
        boolean canSend,
        String phoneState,
        boolean openedElsewhere,
        Integer takeoverFailuresLeft,
        int takeoverAttempts,
        int flapsLeft,
        boolean stuck,
        String delivery,
        Qr qr) {

    /** The current QR code: "active" or "expired", and its expiry in epoch seconds. */
    public record Qr(String status, long expire) {}

    static ControlChannelView of(SimulatedChannel channel) {
        synchronized (channel) {
            QrCode qr = channel.qr();
            return new ControlChannelView(
                    channel.id(),
                    channel.name(),
                    channel.phone(),
                    channel.status().name(),
                    channel.webhook() == null ? null : channel.webhook().url().toString(),
                    channel.linked(),
                    channel.canSend(),
                    channel.phoneState().name(),
                    channel.openedElsewhere(),
                    channel.takeoverFailuresLeft(),
                    channel.takeoverAttempts(),
                    channel.flapsLeft(),
                    channel.stuck(),
                    channel.delivery().name(),
                    qr == null ? null : new Qr(qr.status(), qr.expire()));
        }
    }
}
