package io.switchboard.channel.registry;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class ChannelRepository implements PanacheRepositoryBase<Channel, String> {

    /** The account's channel, or 404: another account's channel does not exist for the caller. */
    public Channel ofAccount(String accountId, String channelId) {
        return find("id = ?1 and accountId = ?2", channelId, accountId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Channel", channelId));
    }

    public Optional<Channel> byPhone(String phone) {
        return find("phone", phone).firstResultOptional();
    }

    /** The channel, locked for the rest of the transaction: changes to one channel are applied one at a time. */
    public Optional<Channel> lockedById(String channelId) {
        return Optional.ofNullable(findById(channelId, LockModeType.PESSIMISTIC_WRITE));
    }
}
