package io.switchboard.channel.watchdog;

import io.switchboard.channel.delivery.DeliveryFacts;
import io.switchboard.channel.delivery.DeliverySettings;
import io.switchboard.channel.delivery.ProbeNumbers;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A delivery probe: a short message from a suspect or stalled channel to the number its account named. It is noted
 * as a send like any other, so its receipt, the server's "sent" included, clears a suspicion and ends a stall the
 * usual way. While the channel is stalled, the next probe follows every {@code probe-every}.
 */
@ApplicationScoped
class DeliveryProbes implements TimerHandler {

    static final String TEXT = "Delivery check by Switchboard: no reply needed.";
    private static final Logger LOG = Logger.getLogger(DeliveryProbes.class);

    /** What a probe's call answers: the provider's message id, and the number it went to. */
    private record Probe(String providerMessageId, String phone) {}

    private final ProviderSessions provider;
    private final ProbeNumbers numbers;
    private final DeliveryFacts facts;
    private final ChannelTimers timers;
    private final DeliverySettings settings;

    DeliveryProbes(
            ProviderSessions provider,
            ProbeNumbers numbers,
            DeliveryFacts facts,
            ChannelTimers timers,
            DeliverySettings settings) {
        this.provider = provider;
        this.numbers = numbers;
        this.facts = facts;
        this.timers = timers;
        this.settings = settings;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.DELIVERY_PROBE);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (channel.deleted || channel.providerChannelId == null) {
            return Optional.empty();
        }
        if (channel.deliveryStalledSince == null && !DeliveryChecks.watched(channel)) {
            return Optional.empty();
        }
        Optional<ProbeNumbers.ProbeNumber> number = numbers.of(channel.accountId);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        String session = channel.providerChannelId;
        String phone = number.get().phone();
        String key = "probe-" + channel.id + "-" + Long.toHexString(timer.generation);
        return Optional.of(
                ProviderCall.reading("probe", () -> new Probe(provider.sendProbe(session, key, phone, TEXT), phone)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        Instant now = Instant.now();
        if (answer.done() && answer.value() instanceof Probe probe && probe.providerMessageId() != null) {
            facts.sent(List.of(new DeliveryFacts.Sent(channel.id, probe.providerMessageId(), probe.phone(), now)));
            LOG.infof("Channel %s: delivery probe %s sent to %s", channel.id, probe.providerMessageId(), probe.phone());
        } else {
            LOG.warnf("Channel %s: the delivery probe was not sent: %s", channel.id, answer.detail());
        }
        if (channel.deliveryStalledSince != null) {
            timers.schedule(
                    channel.id,
                    TimerKind.DELIVERY_PROBE,
                    now.plus(settings.watch().probeEvery()),
                    0);
        }
    }
}
