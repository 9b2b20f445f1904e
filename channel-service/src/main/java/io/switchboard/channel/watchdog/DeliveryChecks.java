package io.switchboard.channel.watchdog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.channel.delivery.DeliveryFacts;
import io.switchboard.channel.delivery.DeliverySettings;
import io.switchboard.channel.delivery.ProbeNumbers;
import io.switchboard.channel.provider.ProviderApi;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.status.HealthUpdates;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.failure.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The delivery watchdog: connected but not delivering. Every {@code switchboard.delivery.watch.scan-every} it looks
 * for channels whose sends got no receipt at all, across several chats ({@link DeliveryFacts#suspects}); each suspect
 * gets a DELIVERY_CHECK, which asks the provider for the session's health first. A health that explains it (the
 * session is not AUTH) moves the status as a webhook would. For a healthy session, if the account named a probe number,
 * a probe is sent to it ({@link DeliveryProbes}) and the channel judged once its receipt had time to come; a channel
 * whose sends still get no receipt is stalled ({@link DeliveryStalls}).
 */
@ApplicationScoped
class DeliveryChecks implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(DeliveryChecks.class);
    private static final int SCAN_LIMIT = 100;
    /** The attempt of a DELIVERY_CHECK that judges after a probe (0 asks for the health). */
    private static final int VERDICT = 1;

    private final DeliveryFacts facts;
    private final DeliverySettings settings;
    private final Channels channels;
    private final ChannelTimers timers;
    private final ProviderSessions provider;
    private final HealthUpdates connections;
    private final DeliveryStalls stalls;
    private final ProbeNumbers probes;
    private final MeterRegistry meters;

    DeliveryChecks(
            DeliveryFacts facts,
            DeliverySettings settings,
            Channels channels,
            ChannelTimers timers,
            ProviderSessions provider,
            HealthUpdates connections,
            DeliveryStalls stalls,
            ProbeNumbers probes,
            MeterRegistry meters) {
        this.facts = facts;
        this.settings = settings;
        this.channels = channels;
        this.timers = timers;
        this.provider = provider;
        this.connections = connections;
        this.stalls = stalls;
        this.probes = probes;
        this.meters = meters;
    }

    /** Finds suspect channels and schedules their check; on any replica (the channel row decides who does it). */
    @Scheduled(
            every = "${switchboard.delivery.watch.scan-every:15s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        if (!settings.watch().enabled()) {
            return;
        }
        Instant now = Instant.now();
        try {
            List<DeliveryFacts.Suspect> suspects =
                    QuarkusTransaction.requiringNew().call(() -> facts.suspects(now, null, SCAN_LIMIT));
            for (DeliveryFacts.Suspect suspect : suspects) {
                QuarkusTransaction.requiringNew().run(() -> schedule(suspect, now));
            }
        } catch (RuntimeException e) {
            // the next scan looks again; nothing was decided halfway (each channel in its own transaction)
            LOG.warnf(
                    "Delivery scan failed, tried again in %s: %s",
                    settings.watch().scanEvery(), Failures.rootMessage(e));
        }
    }

    private void schedule(DeliveryFacts.Suspect suspect, Instant now) {
        Optional<Channel> locked = channels.lockedIfFree(suspect.channelId());
        if (locked.isEmpty() || !watched(locked.get())) {
            return;
        }
        timers.load(List.of(suspect.channelId()));
        if (timers.find(suspect.channelId(), TimerKind.DELIVERY_CHECK).isPresent()) {
            return;
        }
        facts.checked(suspect.channelId(), now);
        timers.schedule(suspect.channelId(), TimerKind.DELIVERY_CHECK, now, 0);
        LOG.infof("Channel %s: %s; asking the provider for its health", suspect.channelId(), suspect.what());
    }

    /** A channel the watchdog judges: a WhatsApp Web session that would send and is not stalled already. */
    static boolean watched(Channel channel) {
        return !channel.deleted
                && channel.kind == ChannelKind.WEB_SESSION
                && channel.providerChannelId != null
                && channel.deliveryStalledSince == null
                && channel.sendPolicy() == SendPolicy.SEND;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.DELIVERY_CHECK);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (!watched(channel)) {
            return Optional.empty();
        }
        if (timer.attempt == VERDICT) {
            judge(
                    channel,
                    "the provider reports the session healthy, and a probe to the account's probe number got no"
                            + " receipt within " + settings.watch().probeWait().toSeconds() + " s");
            return Optional.empty();
        }
        String session = channel.providerChannelId;
        return Optional.of(ProviderCall.reading("health", () -> provider.health(session)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        if (!answer.done()) {
            counted("unanswered");
            LOG.warnf(
                    "Channel %s: sends get no receipts, and the provider did not tell the session's health (%s);"
                            + " checked again after the window",
                    channel.id, answer.detail());
            return;
        }
        ProviderApi.ProviderHealth health = (ProviderApi.ProviderHealth) answer.value();
        String text = health.status() == null ? null : health.status().text();
        connections.applyCheckedHealth(
                channel,
                new ProviderEvent.Health(
                        health.status() == null ? 0 : health.status().code(), text, health.startAt(), health.uptime()),
                "provider health " + text + ", asked for because the channel's sends got no receipts");
        if (!watched(channel)) {
            counted("explained");
            return; // the health explains it: the status moved
        }
        if (probes.of(channel.accountId).isPresent() && suspect(channel).isPresent()) {
            // a probe's receipt clears the doubt; judged once it had time to come
            Instant now = Instant.now();
            timers.schedule(channel.id, TimerKind.DELIVERY_PROBE, now, 0);
            timers.schedule(
                    channel.id,
                    TimerKind.DELIVERY_CHECK,
                    now.plus(settings.watch().probeWait()),
                    VERDICT);
            counted("probing");
            return;
        }
        judge(channel, "the provider reports the session " + text);
    }

    private void judge(Channel channel, String why) {
        Optional<DeliveryFacts.Suspect> still = suspect(channel);
        if (still.isEmpty()) {
            counted("receipts_came");
            return;
        }
        counted("stalled");
        stalls.stalled(channel, still.get(), why);
    }

    private Optional<DeliveryFacts.Suspect> suspect(Channel channel) {
        return facts.suspects(Instant.now(), channel.id, 1).stream().findFirst();
    }

    private void counted(String outcome) {
        meters.counter("switchboard.channel.delivery.checks", "outcome", outcome)
                .increment();
    }
}
