package io.switchboard.queue.channel;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.queue.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A row of {@code channel_lane}: the queue's copy of a channel's status (from {@code channel.status.v1}) and its
 * dispatch lane (pacing, lease, release state). Every transaction that moves a channel's messages locks this row first.
 *
 * @param sendPolicy the catalogue's policy for the status; an account may override QUEUE/REJECT for new messages
 * @param hasPending the dispatcher (or, once deleted, the sweeper) may have work here
 * @param held release mode HOLD: the backlog waits for a person
 * @param backlogThroughSeq messages up to this seq belong to a released backlog (random gaps); null when none
 */
public record ChannelLane(
        String channelId,
        String accountId,
        ChannelStatus status,
        SendPolicy sendPolicy,
        RequiredAction requiredAction,
        String providerChannelId,
        ChannelKind kind,
        long version,
        Instant updatedAt,
        boolean hasPending,
        boolean held,
        Long backlogThroughSeq,
        Instant releaseStartedAt,
        Instant nextSendAt,
        String leaseOwner,
        String leaseToken,
        Instant leaseUntil,
        int unauthorizedStreak) {

    /** The columns of {@code channel_lane c}. */
    public static final String COLUMNS = """
            c.channel_id, c.account_id, c.status, c.send_policy, c.required_action, c.provider_channel_id, c.kind,
            c.version, c.updated_at, c.has_pending, c.held, c.backlog_through_seq, c.release_started_at, c.next_send_at,
            c.lease_owner, c.lease_token, c.lease_until, c.unauthorized_streak""";

    public static ChannelLane read(ResultSet row) throws SQLException {
        return new ChannelLane(
                row.getString("channel_id"),
                row.getString("account_id"),
                ChannelStatus.valueOf(row.getString("status")),
                SendPolicy.valueOf(row.getString("send_policy")),
                RequiredAction.valueOf(row.getString("required_action")),
                row.getString("provider_channel_id"),
                ChannelKind.valueOf(row.getString("kind")),
                row.getLong("version"),
                Jdbc.instant(row, "updated_at"),
                row.getBoolean("has_pending"),
                row.getBoolean("held"),
                Jdbc.longOrNull(row, "backlog_through_seq"),
                Jdbc.instant(row, "release_started_at"),
                Jdbc.instant(row, "next_send_at"),
                row.getString("lease_owner"),
                row.getString("lease_token"),
                Jdbc.instant(row, "lease_until"),
                row.getInt("unauthorized_streak"));
    }

    /** Its messages go out now: a sending status, not held for a person, known to the provider. */
    public boolean sending() {
        return sendPolicy == SendPolicy.SEND && !held && providerChannelId != null;
    }
}
