package io.switchboard.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.platform.rest.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class Deliveries implements PanacheRepositoryBase<Delivery, UUID> {

    /**
     * Takes up to {@code limit} due deliveries no one holds, leasing each until {@code leaseUntil}: another replica
     * skips them meanwhile (SKIP LOCKED now, the lease after the commit).
     */
    public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        @SuppressWarnings("unchecked")
        List<Delivery> due = getEntityManager()
                .createNativeQuery("""
                SELECT * FROM delivery WHERE state = 'PENDING' AND next_attempt_at <= :now
                AND (lease_until IS NULL OR lease_until < :now)
                ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""", Delivery.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        due.forEach(delivery -> delivery.leaseUntil = leaseUntil);
        return due;
    }

    public List<Delivery> dead(int page, int size) {
        return Paging.withNext(find("state", Sort.descending("finishedAt"), Delivery.State.DEAD), page, size);
    }
}
