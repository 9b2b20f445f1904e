package io.switchboard.notification.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ObservedChannelStatuses implements PanacheRepositoryBase<ObservedChannelStatus, String> {

    public List<ObservedChannelStatus> ofChannel(String accountId, String channelId) {
        return list("accountId = ?1 and channelId = ?2", Sort.ascending("version"), accountId, channelId);
    }
}
