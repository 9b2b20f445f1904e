package io.switchboard.queue.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
}
