package io.switchboard.queue.channel;

import io.switchboard.platform.problem.ProblemException;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.SettingsByAccount;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The channels as the queue knows them, and their dispatch lanes. */
@ApplicationScoped
public class ChannelLanes {

    private final Jdbc jdbc;
    private final SettingsByAccount settings;
    private final Clock clock;

    public ChannelLanes(Jdbc jdbc, SettingsByAccount settings, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** A lane joined with its account's settings (absent where the account has none). */
    private static final String WITH_SETTINGS = "SELECT " + ChannelLane.COLUMNS + ", " + SettingsByAccount.COLUMNS
            + " FROM channel_lane c LEFT JOIN account_settings a ON a.account_id = c.account_id";

    private LaneWithSettings withSettings(java.sql.ResultSet row) throws java.sql.SQLException {
        return new LaneWithSettings(ChannelLane.read(row), settings.effective(settings.own(row)));
    }

    /** A lane and the settings of its account. */
    public record LaneWithSettings(ChannelLane lane, AccountSettings settings) {}

    /** The account's channel, or 404: unknown and another account's channels look the same. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChannelLane ofAccount(String accountId, String channelId) {
        return jdbc.first(
                        "SELECT " + ChannelLane.COLUMNS
                                + " FROM channel_lane c WHERE c.channel_id = ? AND c.account_id = ?",
                        p -> p.string(channelId).string(accountId),
                        ChannelLane::read)
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    /**
     * The account's channel, locked as it is read (a row read first and locked after could be stale), with the
     * account's settings; or 404.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LaneWithSettings lockedOfAccount(String accountId, String channelId) {
        return Optional.ofNullable(
                        lockAllWithSettings(java.util.List.of(channelId)).get(channelId))
                .filter(locked -> locked.lane().accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    /**
     * These channels (those that exist), locked in one statement in id order (the one lock order), each with its
     * account's settings.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, LaneWithSettings> lockAllWithSettings(Collection<String> channelIds) {
        Map<String, LaneWithSettings> locked = new LinkedHashMap<>();
        jdbc.query(
                        WITH_SETTINGS + " WHERE c.channel_id = ANY (?) ORDER BY c.channel_id FOR UPDATE OF c",
                        p -> p.strings(new TreeSet<>(channelIds)),
                        this::withSettings)
                .forEach(lane -> locked.put(lane.lane().channelId(), lane));
        return locked;
    }

    /** The account's channel with the account's settings, not locked (for reading); or 404. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LaneWithSettings readOfAccount(String accountId, String channelId) {
        return jdbc.first(
                        WITH_SETTINGS + " WHERE c.channel_id = ? AND c.account_id = ?",
                        p -> p.string(channelId).string(accountId),
                        this::withSettings)
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    /** The lanes of these channels that exist, locked in one statement in id order (the one lock order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, ChannelLane> lockAll(Collection<String> channelIds) {
        Map<String, ChannelLane> locked = new LinkedHashMap<>();
        if (channelIds.isEmpty()) {
            return locked;
        }
        jdbc.query(
                        "SELECT " + ChannelLane.COLUMNS
                                + " FROM channel_lane c WHERE c.channel_id = ANY (?) ORDER BY c.channel_id FOR UPDATE",
                        p -> p.strings(new TreeSet<>(channelIds)),
                        ChannelLane::read)
                .forEach(lane -> locked.put(lane.channelId(), lane));
        return locked;
    }

    /** One lane locked, if it exists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChannelLane> lock(String channelId) {
        return Optional.ofNullable(lockAll(java.util.List.of(channelId)).get(channelId));
    }

    /**
     * New messages may wait to be dispatched here. A lane put off only by its chats' pair rate is due again now: the
     * new message may be to another chat (the channel's own rate gap was over when it was put off).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markPending(String channelId) {
        jdbc.update("""
                UPDATE channel_lane SET has_pending = true, waits_for_chats = false,
                    next_send_at = CASE WHEN waits_for_chats THEN LEAST(next_send_at, ?) ELSE next_send_at END
                WHERE channel_id = ? AND (NOT has_pending OR waits_for_chats)""", p -> p.instant(clock.instant()).string(channelId));
    }

    /**
     * The backlog up to {@code throughSeq} is released now, with the backlog's gaps: at once, or when the pacing gap
     * after the channel's last send is over (a channel that flapped does not send sooner than one that did not). A
     * back-off after "need channel authorization" answers is cut short: the channel is authorized again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startRelease(String channelId, Long throughSeq, Instant at) {
        jdbc.update(
                """
                UPDATE channel_lane SET held = false, has_pending = true, backlog_through_seq = ?, release_started_at = ?,
                    next_send_at = CASE WHEN unauthorized_streak > 0 OR next_send_at IS NULL THEN ?::timestamptz
                                        ELSE GREATEST(next_send_at, ?::timestamptz) END,
                    unauthorized_streak = 0 WHERE channel_id = ?""",
                p -> p.longOrNull(throughSeq)
                        .instant(throughSeq == null ? null : at)
                        .instant(at)
                        .instant(at)
                        .string(channelId));
    }

    /** A deleted channel: the sweeper cancels what it holds; nothing is held for a person any more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markDeleted(String channelId) {
        jdbc.update(
                "UPDATE channel_lane SET has_pending = true, held = false WHERE channel_id = ?",
                p -> p.string(channelId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(String channelId) {
        jdbc.update("UPDATE channel_lane SET held = true WHERE channel_id = ?", p -> p.string(channelId));
    }

    /** Highest seq of the channel's messages not yet sent, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> lastPendingSeq(String channelId) {
        return jdbc.first("""
                SELECT max(seq) AS last FROM outbound_message
                WHERE channel_id = ? AND state IN ('QUEUED', 'FROZEN', 'DISPATCHING')""", p -> p.string(channelId), row -> Jdbc.longOrNull(row, "last"))
                .filter(java.util.Objects::nonNull);
    }
}
