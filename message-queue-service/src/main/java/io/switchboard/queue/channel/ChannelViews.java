package io.switchboard.queue.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class ChannelViews implements PanacheRepositoryBase<ChannelView, String> {

    /** The account's channel, or 404: unknown and another account's channels look the same. */
    public ChannelView ofAccount(String accountId, String channelId) {
        return find("channelId = ?1 and accountId = ?2", channelId, accountId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    /** Locked: a status change and an accepted message of one channel never interleave. */
    public Optional<ChannelView> locked(String channelId) {
        return Optional.ofNullable(findById(channelId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The account's channel, locked as it is read (a row read first and locked after could be stale), or 404. */
    public ChannelView lockedOfAccount(String accountId, String channelId) {
        return locked(channelId).filter(view -> view.accountId.equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    /** The views of these channels that exist, locked in one statement in id order (the one lock order). */
    public Map<String, ChannelView> lockedByIds(Collection<String> channelIds) {
        @SuppressWarnings("unchecked")
        List<ChannelView> views = getEntityManager().createNativeQuery(
                "SELECT * FROM channel_view WHERE channel_id = ANY (:ids) ORDER BY channel_id FOR UPDATE", ChannelView.class)
                .setParameter("ids", channelIds.toArray(String[]::new)).getResultList();
        Map<String, ChannelView> locked = new HashMap<>();
        views.forEach(view -> locked.put(view.channelId, view));
        return locked;
    }
}
