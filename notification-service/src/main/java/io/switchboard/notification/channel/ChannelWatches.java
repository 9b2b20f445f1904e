package io.switchboard.notification.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.platform.timer.TimerTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ChannelWatches implements PanacheRepositoryBase<ChannelWatch, String> {

    /** The channel's watch, locked; null for a channel not seen yet. */
    public ChannelWatch locked(String channelId) {
        return findById(channelId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Whether the account has the channel, as far as this service has heard: a watch, an observed status or a system
     * message of it under the account. A channel of another account, or one never heard of, is not found (404).
     */
    public boolean knownTo(String accountId, String channelId) {
        return ((Number) getEntityManager()
                                .createNativeQuery("""
                SELECT count(*) FROM (
                    SELECT 1 FROM channel_watch WHERE channel_id = :channel AND account_id = :account
                    UNION ALL SELECT 1 FROM observed_channel_status WHERE channel_id = :channel AND account_id = :account
                    UNION ALL SELECT 1 FROM system_message WHERE channel_id = :channel AND account_id = :account
                    LIMIT 1) known""")
                                .setParameter("channel", channelId)
                                .setParameter("account", accountId)
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    /** The watches' timer table. */
    public static final TimerTable TIMERS = new TimerTable("channel_watch", "channel_id");

    /** The watch, locked, if it is due and no other transaction holds it. */
    public java.util.Optional<ChannelWatch> claimIfDue(String key, Instant now) {
        return TIMERS.claimIfDue(getEntityManager(), ChannelWatch.class, key, now);
    }

    /** Watches whose debounce window has passed, locked; one held by a consumer or another replica is skipped. */
    public List<ChannelWatch> claimDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<ChannelWatch> due = getEntityManager()
                .createNativeQuery("""
                SELECT * FROM channel_watch WHERE due_at <= :now
                ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""", ChannelWatch.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return due;
    }
}
