package io.switchboard.channel.watchdog;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.status.ConnectionChanged;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Watches each channel's connection and keeps its timers: stuck in STARTING, flapping, the phone overdue after it
 * came back, the QR code expiring. Reacts in the transaction of the change it observes, so timers and state never
 * disagree; costs no statement of its own (timers and reconnect times are written with the channel's batch).
 */
@ApplicationScoped
public class Watchdog implements TimerHandler {

    private final ChannelTimers timers;
    private final ChannelChanges changes;
    private final WatchdogSettings settings;

    public Watchdog(ChannelTimers timers, ChannelChanges changes, WatchdogSettings settings) {
        this.timers = timers;
        this.changes = changes;
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
            timers.cancel(channel.id, TimerKind.SESSION_RESTART); // it moved on by itself
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

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.STUCK, TimerKind.PHONE_OVERDUE, TimerKind.QR_EXPIRY, TimerKind.UNSTABLE_CLEAR);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        switch (timer.kind) {
            case STUCK -> stuck(channel);
            case PHONE_OVERDUE -> {
                if (channel.connectionStatus == ChannelStatus.PHONE_UNAVAILABLE) {
                    changes.announce(
                            channel,
                            StatusCause.WATCHDOG,
                            ChannelAlert.PHONE_OVERDUE,
                            "overdue: the phone came back online at "
                                    + channel.phoneOnlineAt + " but the channel is not ACTIVE within "
                                    + settings.phoneReturnWithin().toMinutes()
                                    + " minutes: check the phone's connection");
                }
            }
            case QR_EXPIRY -> {
                if (channel.connectionStatus == ChannelStatus.QR_REQUIRED
                        && channel.qrExpiresAt != null
                        && !channel.qrExpiresAt.isAfter(Instant.now())) {
                    changes.announce(
                            channel, StatusCause.WATCHDOG, ChannelAlert.QR_EXPIRED, "QR expired: scan the new QR code");
                }
            }
            case UNSTABLE_CLEAR -> {
                if (channel.unstable) {
                    channel.unstable = false;
                    changes.announce(
                            channel,
                            StatusCause.WATCHDOG,
                            ChannelAlert.STABLE_AGAIN,
                            "stable again: no reconnect for "
                                    + settings.unstableQuietPeriod().toMinutes() + " minutes");
                }
            }
            default -> throw new IllegalArgumentException(timer.kind + " timers are not the watchdog's");
        }
        return Optional.empty();
    }

    /** Announced once per stay in STARTING; the session is restarted once (a call, after the commit). */
    private void stuck(Channel channel) {
        if (channel.connectionStatus != ChannelStatus.STARTING || channel.stuck) {
            return;
        }
        channel.stuck = true;
        String restart;
        if (channel.providerChannelId == null) {
            restart = "no provider session to restart";
        } else {
            timers.schedule(channel.id, TimerKind.SESSION_RESTART, Instant.now(), 1);
            restart = "the provider session is being restarted";
        }
        changes.announce(
                channel,
                StatusCause.WATCHDOG,
                ChannelAlert.STUCK,
                "stuck: STARTING for more than " + settings.stuckAfter().toSeconds() + " s; " + restart
                        + "; if it stays, contact support");
    }

    /** The last {@code flap-cycles} reconnects within the window are kept on the channel row. */
    private void reconnectCycle(Channel channel, Instant now) {
        Instant since = now.minus(settings.flapWindow());
        List<Instant> recent = new ArrayList<>(
                channel.reconnects.stream().filter(at -> at.isAfter(since)).toList());
        recent.add(now);
        int cycles = recent.size();
        channel.reconnects = List.copyOf(recent.subList(Math.max(0, cycles - settings.flapCycles()), cycles));
        if (cycles >= settings.flapCycles()) {
            timers.schedule(channel.id, TimerKind.UNSTABLE_CLEAR, now.plus(settings.unstableQuietPeriod()), 1);
            if (!channel.unstable) {
                channel.unstable = true;
                changes.announce(
                        channel,
                        StatusCause.WATCHDOG,
                        ChannelAlert.UNSTABLE,
                        "unstable: " + cycles + " reconnects within "
                                + settings.flapWindow().toMinutes()
                                + " minutes: restart the channel or change its proxy");
            }
        }
    }
}
