package io.switchboard.channel.history;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class StatusHistoryRepository implements PanacheRepository<StatusHistoryEntry> {

    public List<StatusHistoryEntry> ofChannel(String channelId) {
        return list("channelId", Sort.ascending("version"), channelId);
    }
}
