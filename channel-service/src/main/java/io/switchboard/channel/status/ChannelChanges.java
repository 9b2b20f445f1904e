package io.switchboard.channel.status;

import io.switchboard.channel.history.StatusHistoryEntries;
import io.switchboard.channel.history.StatusHistoryEntry;
import io.switchboard.channel.store.Channel;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelState;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.outbox.Outbox;
import io.switchboard.platform.text.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The one place a channel's change becomes a new version: history row, {@code channel.status.v1} when the
 * effective status changed, and the full state on the compacted {@code channel.state.v1}, all in the caller's
 * transaction (outbox).
 */
@ApplicationScoped
public class ChannelChanges {

    private final StatusHistoryEntries history;
    private final Outbox outbox;
    private final Event<ConnectionChanged> connectionChanges;

    public ChannelChanges(StatusHistoryEntries history, Outbox outbox, Event<ConnectionChanged> connectionChanges) {
        this.history = history;
        this.outbox = outbox;
        this.connectionChanges = connectionChanges;
    }

    /** Records a new channel (version 1, STARTING) and lets the watchdog time its start. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void created(Channel channel) {
        record(channel, null, StatusCause.USER_ACTION, "channel created");
        connectionChanges.fire(new ConnectionChanged(channel, null, channel.connectionStatus));
    }

    /**
     * Moves the live connection status and records the change; observers of {@link ConnectionChanged} (the watchdog)
     * react in the same transaction. Returns false when the channel was already there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean moveConnection(Channel channel, ChannelStatus next, StatusCause cause, String detail) {
        if (channel.connectionStatus == next) {
            return false;
        }
        ChannelStatus previousConnection = channel.connectionStatus;
        ChannelStatus previous = channel.effectiveStatus();
        channel.connectionStatus = next;
        record(channel, previous, cause, detail);
        connectionChanges.fire(new ConnectionChanged(channel, previousConnection, next));
        return true;
    }

    /**
     * Records a change already applied to {@code channel} (locked or new in this transaction).
     *
     * @param previousStatus the effective status before the change; null for a new channel
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Channel channel, ChannelStatus previousStatus, StatusCause cause, String detail) {
        record(channel, previousStatus, cause, null, detail, false);
    }

    /**
     * Records a change and publishes a status event even though the effective status stayed the same: something
     * people must act on happened within the status (e.g. the QR code expired).
     *
     * @param alert what was found, for curators; null for an announcement that is none of the alerts
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(Channel channel, StatusCause cause, ChannelAlert alert, String detail) {
        record(channel, channel.effectiveStatus(), cause, alert, detail, true);
    }

    private void record(
            Channel channel,
            ChannelStatus previousStatus,
            StatusCause cause,
            ChannelAlert alert,
            String detail,
            boolean announce) {
        Instant now = Instant.now();
        detail = Texts.fit(detail, 500); // it may quote a provider's words: cut to the column, not trusted to fit
        channel.version++;
        channel.updatedAt = now;
        ChannelStatus status = channel.effectiveStatus();

        StatusHistoryEntry entry = new StatusHistoryEntry();
        entry.channelId = channel.id;
        entry.version = channel.version;
        entry.previousStatus = previousStatus;
        entry.status = status;
        entry.cause = cause;
        entry.detail = detail;
        entry.occurredAt = now;
        history.persist(entry);

        if (previousStatus != status || announce) {
            outbox.publish(
                    Streams.CHANNEL_STATUS,
                    new ChannelStatusChanged(
                            channel.id,
                            channel.accountId,
                            channel.name,
                            channel.phone,
                            previousStatus,
                            status,
                            channel.sendPolicy(),
                            channel.requiredAction(),
                            cause,
                            detail,
                            channel.sendingId(),
                            channel.version,
                            now,
                            channel.kind,
                            alert,
                            channel.cloudStanding()));
        }
        outbox.publish(Streams.CHANNEL_STATE, stateOf(channel));
    }

    public static ChannelState stateOf(Channel channel) {
        ChannelStatus status = channel.effectiveStatus();
        return new ChannelState(
                channel.id,
                channel.accountId,
                channel.name,
                channel.phone,
                channel.enabled,
                channel.connectionStatus,
                status,
                channel.sendPolicy(),
                channel.requiredAction(),
                channel.sendingId(),
                channel.version,
                channel.updatedAt,
                channel.kind,
                channel.cloudStanding());
    }
}
