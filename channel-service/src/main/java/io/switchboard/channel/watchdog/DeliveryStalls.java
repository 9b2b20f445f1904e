package io.switchboard.channel.watchdog;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.channel.delivery.DeliveryFacts;
import io.switchboard.channel.delivery.DeliverySettings;
import io.switchboard.channel.delivery.ProbeNumbers;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A channel's delivery stall begins and ends here, on the locked channel row: found stalled, its new messages are held
 * (the events say send policy QUEUE, required action CHECK_DELIVERY), its session is restarted once, and if the
 * account named a probe number a probe finds out every {@code probe-every} whether it delivers again; the first
 * receipt or inbound message since, or a restart a person asks for, ends it and releases them.
 */
@ApplicationScoped
public class DeliveryStalls {

    private static final Logger LOG = Logger.getLogger(DeliveryStalls.class);

    private final ChannelChanges changes;
    private final ChannelTimers timers;
    private final DeliveryFacts facts;
    private final ProbeNumbers probes;
    private final DeliverySettings settings;
    private final MeterRegistry meters;

    public DeliveryStalls(
            ChannelChanges changes,
            ChannelTimers timers,
            DeliveryFacts facts,
            ProbeNumbers probes,
            DeliverySettings settings,
            MeterRegistry meters) {
        this.changes = changes;
        this.timers = timers;
        this.facts = facts;
        this.probes = probes;
        this.settings = settings;
        this.meters = meters;
    }

    /** The provider reports the session healthy, yet its sends get no receipts (or it fell silent): hold, tell, restart. */
    @Transactional(Transactional.TxType.MANDATORY)
    void stalled(Channel channel, DeliveryFacts.Suspect suspect, String why) {
        channel.deliveryStalledSince = suspect.since();
        String detail = "delivery stalled: " + suspect.what() + ", while " + why
                + "; new messages are held and the session is restarted once";
        LOG.warnf("Channel %s: %s", channel.id, detail);
        changes.announce(channel, StatusCause.WATCHDOG, ChannelAlert.DELIVERY_STALLED, detail);
        Instant now = Instant.now();
        timers.schedule(channel.id, TimerKind.DELIVERY_RESTART, now, 0);
        if (probes.of(channel.accountId).isPresent()) {
            timers.schedule(
                    channel.id,
                    TimerKind.DELIVERY_PROBE,
                    now.plus(settings.watch().probeEvery()),
                    0);
        }
        meters.counter("switchboard.channel.delivery.stalls").increment();
    }

    /**
     * A provider event of a stalled channel (locked): a receipt that acknowledges a send (not PENDING, which a zombie
     * keeps giving) or an inbound message ends the stall.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void observed(Channel channel, ProviderEvent event) {
        if (channel.deliveryStalledSince == null) {
            return;
        }
        Optional<ProviderEvent.Receipt> receipt = event.type() == ProviderEventType.MESSAGE_STATUS
                        && event.receipts() != null
                ? event.receipts().stream().filter(DeliveryFacts::acknowledges).findFirst()
                : Optional.empty();
        if (receipt.isPresent()) {
            resumed(
                    channel,
                    StatusCause.PROVIDER_EVENT,
                    "a receipt came (" + receipt.get().status() + ")");
        } else if (event.type() == ProviderEventType.MESSAGE_RECEIVED) {
            resumed(channel, StatusCause.PROVIDER_EVENT, "a client's message came in");
        }
    }

    /** A person restarted or logged out the channel (locked): that is the required action, so the stall ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void actedUpon(Channel channel, String action) {
        if (channel.deliveryStalledSince != null) {
            resumed(
                    channel,
                    StatusCause.USER_ACTION,
                    action + " requested; the watchdog watches the channel's sends again");
        }
    }

    private void resumed(Channel channel, StatusCause cause, String why) {
        Instant since = channel.deliveryStalledSince;
        channel.deliveryStalledSince = null;
        timers.cancel(channel.id, TimerKind.DELIVERY_RESTART);
        timers.cancel(channel.id, TimerKind.DELIVERY_PROBE);
        facts.watchFrom(channel.id, Instant.now()); // the sends the stall left unanswered are not judged again
        String detail = "delivery resumed: " + why + "; stalled since " + since + "; held messages go out";
        LOG.infof("Channel %s: %s", channel.id, detail);
        changes.announce(channel, cause, ChannelAlert.DELIVERY_RESUMED, detail);
        meters.counter("switchboard.channel.delivery.resumptions", "cause", cause.name())
                .increment();
    }
}
