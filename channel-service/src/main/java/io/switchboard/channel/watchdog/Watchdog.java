package io.switchboard.channel.watchdog;

import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.registry.Channel;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.status.ConnectionChanged;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Watches each channel's connection and keeps its timers: stuck in STARTING, flapping, the phone overdue after it
 * came back, the QR code expiring. Reacts in the transaction of the change it observes, so timers and state never
 * disagree.
 */
@ApplicationScoped
public class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class);

    private final ChannelTimers timers;
    private final ChannelChanges changes;
    private final ProviderSessions provider;
    private final EntityManager entityManager;
    private final WatchdogSettings settings;

    public Watchdog(ChannelTimers timers, ChannelChanges changes, ProviderSessions provider, EntityManager entityManager,
            WatchdogSettings settings) {
        this.timers = timers;
        this.changes = changes;
        this.provider = provider;
        this.entityManager = entityManager;
        this.settings = settings;
    }

    void onConnectionChange(@Observes ConnectionChanged change) {
        Channel channel = change.channel();
        Instant now = Instant.now();
        if (change.to() == ChannelStatus.STARTING) {
            timers.schedule(channel.id, TimerKind.STUCK, now.plus(settings.stuckAfter()), 1);
            if (change.from() == ChannelStatus.ACTIVE) {
                reconnectCycle(channel, now);
            }
        } else {
            timers.cancel(channel.id, TimerKind.STUCK);
            channel.stuck = false;
        }
        if (change.to() == ChannelStatus.ACTIVE) {
            timers.cancel(channel.id, TimerKind.TAKEOVER);
            timers.cancel(channel.id, TimerKind.PHONE_OVERDUE);
            timers.cancel(channel.id, TimerKind.QR_EXPIRY);
        }
    }

    /** The phone is back: the channel should be ACTIVE within the expected time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void phoneOnline(Channel channel, Instant at) {
        channel.phoneOnlineAt = at;
        timers.schedule(channel.id, TimerKind.PHONE_OVERDUE, at.plus(settings.phoneReturnWithin()), 1);
    }

    /** A new QR code: its expiry is announced when it comes, whether or not the provider says so. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void qrIssued(Channel channel) {
        if (channel.qrExpiresAt.isAfter(Instant.now())) {
            timers.schedule(channel.id, TimerKind.QR_EXPIRY, channel.qrExpiresAt, 1);
        } else {
            timers.cancel(channel.id, TimerKind.QR_EXPIRY);
        }
    }

    /** Fired by {@link TimerRunner} with the channel locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    void fire(Channel channel, TimerKind kind) {
        switch (kind) {
            case STUCK -> stuck(channel);
            case PHONE_OVERDUE -> {
                if (channel.connectionStatus == ChannelStatus.PHONE_UNAVAILABLE) {
                    changes.announce(channel, StatusCause.WATCHDOG, "overdue: the phone came back online at "
                            + channel.phoneOnlineAt + " but the channel is not ACTIVE within "
                            + settings.phoneReturnWithin().toMinutes() + " minutes: check the phone's connection");
                }
            }
            case QR_EXPIRY -> {
                if (channel.connectionStatus == ChannelStatus.QR_REQUIRED && channel.qrExpiresAt != null
                        && !channel.qrExpiresAt.isAfter(Instant.now())) {
                    changes.announce(channel, StatusCause.WATCHDOG, "QR expired: scan the new QR code");
                }
            }
            case UNSTABLE_CLEAR -> {
                if (channel.unstable) {
                    channel.unstable = false;
                    changes.announce(channel, StatusCause.WATCHDOG, "stable again: no reconnect for "
                            + settings.unstableQuietPeriod().toMinutes() + " minutes");
                }
            }
            case TAKEOVER -> throw new IllegalArgumentException("take-over timers belong to TakeOvers");
        }
    }

    private void stuck(Channel channel) {
        if (channel.connectionStatus != ChannelStatus.STARTING || channel.stuck) {
            return;
        }
        channel.stuck = true;
        String restart;
        try {
            if (channel.providerChannelId == null) {
                restart = "no provider session to restart";
            } else {
                provider.restart(channel.providerChannelId);
                restart = "the provider session was restarted";
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Channel %s: restart after being stuck failed", channel.id);
            restart = "restarting the provider session failed (" + e.getMessage() + ")";
        }
        changes.announce(channel, StatusCause.WATCHDOG, "stuck: STARTING for more than "
                + settings.stuckAfter().toSeconds() + " s; " + restart + "; if it stays, contact support");
    }

    private void reconnectCycle(Channel channel, Instant now) {
        entityManager.createNativeQuery("INSERT INTO reconnect_cycle (channel_id, occurred_at) VALUES (:channel, :at)")
                .setParameter("channel", channel.id).setParameter("at", now).executeUpdate();
        entityManager.createNativeQuery("DELETE FROM reconnect_cycle WHERE channel_id = :channel AND occurred_at < :since")
                .setParameter("channel", channel.id).setParameter("since", now.minus(settings.flapWindow())).executeUpdate();
        long cycles = ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM reconnect_cycle WHERE channel_id = :channel").setParameter("channel", channel.id)
                .getSingleResult()).longValue();
        if (cycles >= settings.flapCycles()) {
            timers.schedule(channel.id, TimerKind.UNSTABLE_CLEAR, now.plus(settings.unstableQuietPeriod()), 1);
            if (!channel.unstable) {
                channel.unstable = true;
                changes.announce(channel, StatusCause.WATCHDOG, "unstable: " + cycles + " reconnects within "
                        + settings.flapWindow().toMinutes() + " minutes: restart the channel or change its proxy");
            }
        }
    }
}
