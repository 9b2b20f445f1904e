package io.switchboard.queue.message;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class OutboundMessages implements PanacheRepositoryBase<OutboundMessage, String> {

    public OutboundMessage ofAccount(String accountId, String messageId) {
        return find("id = ?1 and accountId = ?2", messageId, accountId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Message", messageId));
    }

    /** The messages of these channels in this state, in acceptance order. */
    @SuppressWarnings("unchecked")
    public List<OutboundMessage> inState(Collection<String> channelIds, MessageState state) {
        return getEntityManager().createNativeQuery(
                "SELECT * FROM outbound_message WHERE channel_id = ANY (:ids) AND state = :state ORDER BY seq",
                OutboundMessage.class)
                .setParameter("ids", channelIds.toArray(String[]::new)).setParameter("state", state.name())
                .getResultList();
    }
}
