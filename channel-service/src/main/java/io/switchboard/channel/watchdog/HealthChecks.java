package io.switchboard.channel.watchdog;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.channel.provider.ProviderApi;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.status.HealthUpdates;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.provider.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The health check of a channel that looks ACTIVE while its sends are refused with 401: the provider's health is
 * applied like a webhook (so a lost health webhook is made good, and an answer a newer webhook overtook changes
 * nothing). If the provider still says AUTH, the mismatch is announced for people to act on.
 */
@ApplicationScoped
class HealthChecks implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(HealthChecks.class);
    static final String UNEXPLAINED = "the provider refuses sends with 401 \"need channel authorization\" although it"
            + " reports the session AUTH: restart the channel; contact support if it goes on";

    private final ProviderSessions provider;
    private final HealthUpdates connections;
    private final ChannelChanges changes;
    private final MeterRegistry meters;

    public HealthChecks(
            ProviderSessions provider, HealthUpdates connections, ChannelChanges changes, MeterRegistry meters) {
        this.provider = provider;
        this.connections = connections;
        this.changes = changes;
        this.meters = meters;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.HEALTH_CHECK);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (!ChannelCheckConsumer.needsCheck(channel)) {
            return Optional.empty(); // it moved on by itself meanwhile
        }
        String session = channel.providerChannelId;
        return Optional.of(ProviderCall.reading("health", () -> provider.health(session)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        if (!answer.done()) {
            counted("refused");
            LOG.warnf("Channel %s: the provider did not tell the session's health: %s", channel.id, answer.detail());
            if (ChannelCheckConsumer.needsCheck(channel)) {
                changes.announce(
                        channel,
                        StatusCause.WATCHDOG,
                        null,
                        "sends are refused with 401 and the provider's health" + " check failed (" + answer.detail()
                                + "): restart the channel; contact support if it goes on");
            }
            return;
        }
        ProviderApi.ProviderHealth health = (ProviderApi.ProviderHealth) answer.value();
        String text = health.status() == null ? null : health.status().text();
        ChannelStatus before = channel.connectionStatus;
        boolean applied = connections.applyCheckedHealth(
                channel,
                new ProviderEvent.Health(
                        health.status() == null ? 0 : health.status().code(), text, health.startAt(), health.uptime()),
                "provider health " + text + ", asked for after sends were refused with 401 while ACTIVE");
        if (channel.connectionStatus != before) {
            counted("status_changed");
            LOG.infof(
                    "Channel %s: the provider's health %s moved it from %s to %s",
                    channel.id, text, before, channel.connectionStatus);
        } else if (ChannelCheckConsumer.needsCheck(channel)) {
            counted("still_active");
            LOG.warnf(
                    "Channel %s: %s (health %s%s)",
                    channel.id, UNEXPLAINED, text, applied ? "" : ", older than the last webhook");
            changes.announce(channel, StatusCause.WATCHDOG, null, UNEXPLAINED);
        }
    }

    private void counted(String outcome) {
        meters.counter("switchboard.channel.health.checks", "outcome", outcome).increment();
    }
}
