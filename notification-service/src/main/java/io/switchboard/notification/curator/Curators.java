package io.switchboard.notification.curator;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class Curators implements PanacheRepositoryBase<Curator, UUID> {

    /** The account's curator; 404 for one that does not exist or is another account's. */
    public Curator ofAccount(String accountId, String curatorId) {
        UUID id;
        try {
            id = UUID.fromString(curatorId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Curator", curatorId);
        }
        return find("id = ?1 and accountId = ?2", id, accountId)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Curator", curatorId));
    }

    /** The account's curators who want {@code kind} about {@code channelId} (null: about the account). */
    public List<Curator> following(String accountId, String channelId, NotificationKind kind) {
        return list("accountId", Sort.ascending("createdAt", "id"), accountId).stream()
                .filter(curator -> curator.follows(kind, channelId))
                .toList();
    }

    public List<Curator> page(String accountId, int page, int size) {
        return Paging.withNext(find("accountId", Sort.ascending("name", "id"), accountId), page, size);
    }

    /** Whether another curator of the account has this email (case-insensitive) or this webhook URL. */
    public boolean taken(String accountId, UUID except, String email, String webhookUrl) {
        return (email != null
                        && count("accountId = ?1 and id <> ?2 and lower(email) = lower(?3)", accountId, except, email)
                                > 0)
                || (webhookUrl != null
                        && count("accountId = ?1 and id <> ?2 and webhookUrl = ?3", accountId, except, webhookUrl) > 0);
    }
}
