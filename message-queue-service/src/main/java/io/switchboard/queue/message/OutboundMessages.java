package io.switchboard.queue.message;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboundMessages implements PanacheRepositoryBase<OutboundMessage, String> {

    public OutboundMessage ofAccount(String accountId, String messageId) {
        return find("id = ?1 and accountId = ?2", messageId, accountId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Message", messageId));
    }

    public List<OutboundMessage> inState(String channelId, MessageState state) {
        return list("channelId = ?1 and state = ?2", Sort.ascending("seq"), channelId, state);
    }
}
