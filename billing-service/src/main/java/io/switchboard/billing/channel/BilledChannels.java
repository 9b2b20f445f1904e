package io.switchboard.billing.channel;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.billing.account.BillableChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
class BilledChannels implements PanacheRepositoryBase<BilledChannel, String>, BillableChannels {

    /** The account's channels by name, to be read a page at a time. */
    public PanacheQuery<BilledChannel> pageOf(String accountId) {
        return find("accountId", Sort.ascending("name", "channelId"), accountId);
    }

    @Override
    public long enabledCount(String accountId) {
        return count("accountId = ?1 and billable = true", accountId);
    }

    public Optional<BilledChannel> locked(String channelId) {
        return Optional.ofNullable(findById(channelId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The billed channels of these ids that exist, locked in one statement in id order. */
    public Map<String, BilledChannel> lockedByIds(Collection<String> channelIds) {
        @SuppressWarnings("unchecked")
        List<BilledChannel> channels = getEntityManager()
                .createNativeQuery(
                        "SELECT * FROM billed_channel WHERE channel_id = ANY (:ids) ORDER BY channel_id FOR UPDATE",
                        BilledChannel.class)
                .setParameter("ids", channelIds.toArray(String[]::new))
                .getResultList();
        Map<String, BilledChannel> locked = new HashMap<>();
        channels.forEach(channel -> locked.put(channel.channelId, channel));
        return locked;
    }
}
