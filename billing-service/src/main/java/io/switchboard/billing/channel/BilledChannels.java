package io.switchboard.billing.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class BilledChannels implements PanacheRepositoryBase<BilledChannel, String> {

    public List<BilledChannel> ofAccount(String accountId) {
        return list("accountId", Sort.ascending("name", "channelId"), accountId);
    }

    public Optional<BilledChannel> locked(String channelId) {
        return Optional.ofNullable(findById(channelId, LockModeType.PESSIMISTIC_WRITE));
    }
}
