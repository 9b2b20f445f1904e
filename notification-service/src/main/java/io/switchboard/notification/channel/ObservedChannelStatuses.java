package io.switchboard.notification.channel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.platform.rest.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
class ObservedChannelStatuses implements PanacheRepositoryBase<ObservedChannelStatus, String> {

    /** A page of the channel's observations, oldest first, with one more row when there is a next page. */
    public List<ObservedChannelStatus> ofChannel(String accountId, String channelId, int page, int size) {
        return Paging.withNext(
                find("accountId = ?1 and channelId = ?2", Sort.ascending("version"), accountId, channelId), page, size);
    }
}
