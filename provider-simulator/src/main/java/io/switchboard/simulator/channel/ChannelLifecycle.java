package io.switchboard.simulator.channel;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.webhook.WebhookDispatcher;
import io.switchboard.simulator.webhook.WebhookTarget;
import io.switchboard.simulator.webhook.WhapiWebhookBodies;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * What happens to a channel's session over time: session starts (INIT, LAUNCH, then QR or AUTH), QR scans and
 * expiry, scripted health changes, a session stuck in INIT. Every change of status queues its webhook while the
 * channel is locked, so webhooks leave in the order the changes happened and their uptime only ever grows.
 */
@ApplicationScoped
public class ChannelLifecycle {

    private static final Logger LOG = Logger.getLogger(ChannelLifecycle.class);

    private final ChannelRegistry registry;
    private final ChannelEvents events;
    private final ChannelSteps steps;
    private final WebhookDispatcher webhooks;
    private final SimulatorSettings settings;

    public ChannelLifecycle(
            ChannelRegistry registry,
            ChannelEvents events,
            ChannelSteps steps,
            WebhookDispatcher webhooks,
            SimulatorSettings settings) {
        this.registry = registry;
        this.events = events;
        this.steps = steps;
        this.webhooks = webhooks;
        this.settings = settings;
    }

    /** Opens a session for a new channel; it boots towards QR. */
    public SimulatedChannel create(String name, String phone, WebhookTarget webhook) {
        SimulatedChannel channel = registry.create(name, phone, webhook);
        LOG.infof(
                "Channel %s created for %s, webhooks to %s",
                channel.id(), phone, webhook == null ? "nowhere" : webhook.url());
        boot(channel, settings.bootStepDelay());
        return channel;
    }

    /**
     * Restarts the session: INIT, LAUNCH, then AUTH if a phone is linked, else QR. A channel scripted to stay stuck
     * for more restarts only gets INIT again.
     */
    public SimulatedChannel restart(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (channel.restartStaysStuck()) {
                LOG.infof("Channel %s restarting, and stuck in INIT again", id);
                hang(channel);
                return channel;
            }
            LOG.infof("Channel %s restarting", id);
            boot(channel, settings.bootStepDelay());
        }
        return channel;
    }

    /** The phone scans the QR code: AUTH, then {@code users.post}. */
    public SimulatedChannel scan(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.scannableQr();
            channel.nextSequence();
            channel.linked(true);
            events.health(channel, HealthStatus.AUTH);
            events.user(channel, true);
        }
        LOG.infof("Channel %s scanned by %s", id, channel.phone());
        return channel;
    }

    /**
     * Scripts any health status (flaps, errors, stops). It cancels a boot sequence in progress, so the scripted status
     * is not overwritten a moment later. AUTH counts as a linked phone; QR as none.
     */
    public SimulatedChannel pushHealth(String id, HealthStatus status) {
        return pushHealth(id, status, false);
    }

    /** As {@link #pushHealth(String, HealthStatus)}; {@code lost}: the change's webhooks never reach the receiver. */
    public SimulatedChannel pushHealth(String id, HealthStatus status, boolean lost) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.nextSequence();
            if (status == HealthStatus.AUTH) {
                channel.linked(true);
            } else if (status == HealthStatus.QR) {
                channel.unlink();
            }
            events.health(channel, status, !lost);
        }
        LOG.infof("Channel %s health set to %s%s", id, status, lost ? " (its webhook lost)" : "");
        return channel;
    }

    /** A client writes to the channel (its webhook follows); returns the message's id. */
    public String inbound(String id, String from, String text) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            String messageId = events.inbound(channel, from, text);
            LOG.infof("Channel %s: %s wrote in", id, from);
            return messageId;
        }
    }

    /** A client calls the channel (its webhook follows); returns the call's id. */
    public String call(String id, String from, boolean video) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            String callId = events.call(channel, from, video);
            LOG.infof("Channel %s: %s called (%s)", id, from, video ? "video" : "voice");
            return callId;
        }
    }

    /** The channel's health now, as the provider's health call answers it. */
    public WhapiWebhookBodies.Health health(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            return events.currentHealth(channel);
        }
    }

    /** The phone unlinks the session (logged out from all devices): {@code users.delete}, then QR with a new code. */
    public SimulatedChannel logout(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.nextSequence();
            channel.unlink();
            events.user(channel, false);
            events.health(channel, HealthStatus.QR);
        }
        LOG.infof("Channel %s logged out", id);
        return channel;
    }

    /** The current QR code expires unscanned: posted again as "expired"; the channel stays in QR until a restart. */
    public SimulatedChannel expireQr(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (channel.status() != HealthStatus.QR || channel.qr() == null) {
                throw ProviderException.conflict(
                        "channel " + id + " has no QR code to expire (status " + channel.status() + ")");
            }
            channel.expireQr(Instant.now().getEpochSecond());
            events.qr(channel);
        }
        LOG.infof("Channel %s QR code expired", id);
        return channel;
    }

    /**
     * A session start that hangs: INIT, then nothing until a restart or another scripted change. The first
     * {@code restartsToRecover} restarts hang as well.
     */
    public SimulatedChannel stick(String id, int restartsToRecover) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            hang(channel);
            channel.stuck(restartsToRecover);
        }
        LOG.infof("Channel %s stuck in INIT for %d more restarts", id, restartsToRecover);
        return channel;
    }

    /**
     * How the channel's sends fare from now on; a ZOMBIE posts no webhook at all (the ones already queued still go).
     */
    public SimulatedChannel delivery(String id, DeliveryMode mode) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.delivery(mode);
            webhooks.silence(channel.id(), mode == DeliveryMode.ZOMBIE);
        }
        LOG.infof("Channel %s delivery %s", id, mode);
        return channel;
    }

    /** Forgets every channel and every webhook not yet delivered. */
    public void reset() {
        registry.clear();
        webhooks.clear();
        LOG.info("Simulator reset");
    }

    /** A new session: INIT now, LAUNCH after {@code gap}, and after another the last step. */
    void boot(SimulatedChannel channel, Duration gap) {
        synchronized (channel) {
            long sequence = channel.nextSequence();
            channel.startSession(Instant.now().getEpochSecond());
            events.health(channel, HealthStatus.INIT);
            steps.after(channel, sequence, gap, () -> events.health(channel, HealthStatus.LAUNCH));
            steps.after(
                    channel,
                    sequence,
                    gap.multipliedBy(2),
                    () -> events.health(channel, channel.linked() ? HealthStatus.AUTH : HealthStatus.QR));
        }
    }

    /** A new session that stops at INIT; the sequence bump drops the steps of any boot in progress. */
    private void hang(SimulatedChannel channel) {
        channel.nextSequence();
        channel.startSession(Instant.now().getEpochSecond());
        events.health(channel, HealthStatus.INIT);
    }
}
