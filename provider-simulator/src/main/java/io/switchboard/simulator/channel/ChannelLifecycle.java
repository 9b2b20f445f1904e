package io.switchboard.simulator.channel;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.webhook.WebhookDispatcher;
import io.switchboard.simulator.webhook.WebhookTarget;
import io.switchboard.simulator.webhook.WhapiWebhooks;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What happens to a channel over time: session starts (INIT, LAUNCH, then QR or AUTH), QR scans, scripted health
 * changes. Every change of status queues its webhook while the channel is locked, so webhooks leave in the order the
 * changes happened and their uptime only ever grows.
 */
@ApplicationScoped
public class ChannelLifecycle {

    private static final Logger LOG = Logger.getLogger(ChannelLifecycle.class);
    private static final String USER_NAME = "Sim user";

    private final ChannelRegistry registry;
    private final WebhookDispatcher webhooks;
    private final SimulatorSettings settings;
    private final ScheduledExecutorService steps;

    public ChannelLifecycle(ChannelRegistry registry, WebhookDispatcher webhooks, SimulatorSettings settings) {
        this.registry = registry;
        this.webhooks = webhooks;
        this.settings = settings;
        this.steps = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channel-boot-steps");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        steps.shutdownNow();
    }

    /** Opens a session for a new channel; it boots towards QR. */
    public SimulatedChannel create(String name, String phone, WebhookTarget webhook) {
        SimulatedChannel channel = registry.create(name, phone, webhook);
        LOG.infof("Channel %s created for %s, webhooks to %s", channel.id(), phone,
                webhook == null ? "nowhere" : webhook.url());
        boot(channel);
        return channel;
    }

    /** Restarts the session: INIT, LAUNCH, then AUTH if a phone is linked, else QR. */
    public SimulatedChannel restart(String id) {
        SimulatedChannel channel = registry.get(id);
        LOG.infof("Channel %s restarting", id);
        boot(channel);
        return channel;
    }

    /** The phone scans the QR code: AUTH, then {@code users.post}. */
    public SimulatedChannel scan(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (channel.status() != HealthStatus.QR) {
                throw ProviderException.conflict("channel " + id + " is not waiting for a QR scan (status "
                        + channel.status() + ")");
            }
            channel.nextSequence();
            channel.linked(true);
            emitHealth(channel, HealthStatus.AUTH);
            webhooks.enqueue(channel.id(), channel.webhook(), WhapiWebhooks.UserWebhook.connected(channel.id(), user(channel)));
        }
        LOG.infof("Channel %s scanned by %s", id, channel.phone());
        return channel;
    }

    /**
     * Scripts any health status (flaps, errors, stops). It cancels a boot sequence in progress, so the scripted status
     * is not overwritten a moment later. AUTH counts as a linked phone; QR as none.
     */
    public SimulatedChannel pushHealth(String id, HealthStatus status) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.nextSequence();
            if (status == HealthStatus.AUTH) {
                channel.linked(true);
            } else if (status == HealthStatus.QR) {
                channel.linked(false);
            }
            emitHealth(channel, status);
        }
        LOG.infof("Channel %s health set to %s", id, status);
        return channel;
    }

    /** The phone unlinks the session (logged out, or opened elsewhere): {@code users.delete}, then QR. */
    public SimulatedChannel logout(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.nextSequence();
            channel.linked(false);
            webhooks.enqueue(channel.id(), channel.webhook(), WhapiWebhooks.UserWebhook.disconnected(channel.id(), user(channel)));
            emitHealth(channel, HealthStatus.QR);
        }
        LOG.infof("Channel %s logged out", id);
        return channel;
    }

    /** Forgets every channel and every webhook not yet delivered. */
    public void reset() {
        registry.clear();
        webhooks.clear();
        LOG.info("Simulator reset");
    }

    private void boot(SimulatedChannel channel) {
        long sequence;
        synchronized (channel) {
            sequence = channel.nextSequence();
            channel.startSession(Instant.now().getEpochSecond());
            emitHealth(channel, HealthStatus.INIT);
        }
        long gap = settings.bootStepDelay().toMillis();
        steps.schedule(() -> step(channel, sequence, HealthStatus.LAUNCH), gap, TimeUnit.MILLISECONDS);
        steps.schedule(() -> step(channel, sequence, null), 2 * gap, TimeUnit.MILLISECONDS);
    }

    /** One boot step; {@code null} is the last one, which depends on whether a phone is linked. */
    private void step(SimulatedChannel channel, long sequence, HealthStatus status) {
        synchronized (channel) {
            if (channel.removed() || channel.sequence() != sequence) {
                return;
            }
            emitHealth(channel, status != null ? status : channel.linked() ? HealthStatus.AUTH : HealthStatus.QR);
        }
    }

    private void emitHealth(SimulatedChannel channel, HealthStatus status) {
        channel.status(status);
        long uptime = channel.nextUptime(Instant.now().getEpochSecond());
        webhooks.enqueue(channel.id(), channel.webhook(), WhapiWebhooks.HealthWebhook.of(channel.id(), channel.startAt(),
                uptime, status.code(), status.name(), settings.version()));
    }

    private static WhapiWebhooks.User user(SimulatedChannel channel) {
        return new WhapiWebhooks.User(channel.userId(), USER_NAME);
    }
}
