package io.switchboard.simulator.channel;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.webhook.WebhookDispatcher;
import io.switchboard.simulator.webhook.WhapiWebhookBodies;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Applies a channel's changes and queues their webhooks. Called with the channel locked, so the webhooks leave in the
 * order the changes happened.
 */
@ApplicationScoped
public class ChannelEvents {

    private static final String USER_NAME = "Sim user";

    private final WebhookDispatcher webhooks;
    private final SimulatorSettings settings;

    public ChannelEvents(WebhookDispatcher webhooks, SimulatorSettings settings) {
        this.webhooks = webhooks;
        this.settings = settings;
    }

    /** Enters a health status and posts it; entering QR also posts the new QR code ({@code channels.patch}). */
    void health(SimulatedChannel channel, HealthStatus status) {
        health(channel, status, true);
    }

    /** Enters a health status; its webhooks are posted, or lost (the receiver never hears of the change). */
    void health(SimulatedChannel channel, HealthStatus status, boolean posted) {
        long now = now();
        channel.enter(status);
        long uptime = channel.nextUptime(now);
        if (posted) {
            webhooks.enqueue(
                    channel.id(),
                    channel.webhook(),
                    WhapiWebhookBodies.HealthWebhook.of(
                            channel.id(),
                            channel.startAt(),
                            uptime,
                            status.code(),
                            status.name(),
                            settings.version(),
                            channel.nextTimestamp(now, null)));
        }
        if (status == HealthStatus.QR) {
            channel.newQr(now + settings.qrTtl().toSeconds());
            if (posted) {
                qr(channel);
            }
        }
    }

    /** The health as {@code GET .../health} answers it: what a webhook would say now (its uptime moves on too). */
    WhapiWebhookBodies.Health currentHealth(SimulatedChannel channel) {
        HealthStatus status = channel.status();
        return new WhapiWebhookBodies.Health(
                channel.startAt(),
                channel.nextUptime(now()),
                new WhapiWebhookBodies.Status(status.code(), status.name()),
                settings.version());
    }

    /** The current QR code, active or expired. */
    void qr(SimulatedChannel channel) {
        QrCode qr = channel.qr();
        webhooks.enqueue(
                channel.id(),
                channel.webhook(),
                WhapiWebhookBodies.QrWebhook.of(
                        channel.id(),
                        new WhapiWebhookBodies.Qr(qr.base64(), qr.expire(), qr.status()),
                        channel.nextTimestamp(now(), "qr." + qr.status())));
    }

    /** {@code users.post} when a phone linked the session, {@code users.delete} when it was unlinked. */
    void user(SimulatedChannel channel, boolean connected) {
        WhapiWebhookBodies.User user = new WhapiWebhookBodies.User(channel.userId(), USER_NAME);
        long timestamp = channel.nextTimestamp(now(), connected ? "users.post" : "users.delete");
        webhooks.enqueue(
                channel.id(),
                channel.webhook(),
                connected
                        ? WhapiWebhookBodies.UserWebhook.connected(channel.id(), user, timestamp)
                        : WhapiWebhookBodies.UserWebhook.disconnected(channel.id(), user, timestamp));
    }

    /** A client writes a text to the channel: {@code messages.post}. Returns the message's id. */
    String inbound(SimulatedChannel channel, String from, String text) {
        String digits = from.replaceAll("\\D", "");
        String id = "SIMIN"
                + Long.toHexString(
                                java.util.concurrent.ThreadLocalRandom.current().nextLong())
                        .toUpperCase();
        long timestamp = channel.nextTimestamp(now(), "messages.post");
        webhooks.enqueue(
                channel.id(),
                channel.webhook(),
                WhapiWebhookBodies.MessagesWebhook.of(
                        channel.id(),
                        new WhapiWebhookBodies.InboundMessage(
                                id,
                                false,
                                "text",
                                digits + "@s.whatsapp.net",
                                timestamp,
                                "mobile",
                                new WhapiWebhookBodies.Text(text),
                                digits,
                                "Client " + digits),
                        timestamp));
        return id;
    }

    /** A client calls the channel: {@code calls.post}. Returns the call's id. */
    String call(SimulatedChannel channel, String from, boolean video) {
        String digits = from.replaceAll("\\D", "");
        String id = "SIMCALL"
                + Long.toHexString(
                                java.util.concurrent.ThreadLocalRandom.current().nextLong())
                        .toUpperCase();
        long timestamp = channel.nextTimestamp(now(), "calls.post");
        webhooks.enqueue(
                channel.id(),
                channel.webhook(),
                WhapiWebhookBodies.CallsWebhook.of(
                        channel.id(),
                        new WhapiWebhookBodies.Call(id, digits, digits + "@s.whatsapp.net", "offer", video, timestamp),
                        timestamp));
        return id;
    }

    /** An event without data, such as {@code phone}/{@code offline} or {@code channel}/{@code conflict}. */
    void event(SimulatedChannel channel, String type, String event) {
        webhooks.enqueue(
                channel.id(),
                channel.webhook(),
                WhapiWebhookBodies.EventWebhook.of(
                        channel.id(), type, event, channel.nextTimestamp(now(), type + "." + event)));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
