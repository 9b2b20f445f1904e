package io.switchboard.notification.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
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

    /** Watches whose debounce window has passed, locked; one held by a consumer or another replica is skipped. */
    public List<ChannelWatch> claimDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<ChannelWatch> due = getEntityManager().createNativeQuery("""
                SELECT * FROM channel_watch WHERE due_at <= :now
                ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""", ChannelWatch.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
        return due;
    }
}
