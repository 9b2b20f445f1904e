package io.switchboard.billing.account;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class Accounts implements PanacheRepositoryBase<Account, String> {

    /** The account, locked for a change of its balance or settings; 404 when it does not exist. */
    public Account locked(String accountId) {
        return Optional.ofNullable(findById(accountId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> ProblemException.notFound("Account", accountId));
    }

    /**
     * Whether an account of this id exists, holding a lock on the id until the transaction ends, so that two requests
     * creating the same id do not both pass.
     */
    public boolean existsLockingId(String accountId) {
        getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:id))")
                .setParameter("id", accountId)
                .getSingleResult();
        return findByIdOptional(accountId).isPresent();
    }

    public Account read(String accountId) {
        return findByIdOptional(accountId).orElseThrow(() -> ProblemException.notFound("Account", accountId));
    }

    /** The accounts of these ids that exist, locked in one statement in id order (the one lock order). */
    public List<Account> lockedByIds(Collection<String> accountIds) {
        return getEntityManager()
                .createQuery("FROM Account WHERE accountId IN :ids ORDER BY accountId", Account.class)
                .setParameter("ids", accountIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * The account if no one else holds it, locked; empty when another transaction (a second replica's charge run) has
     * it.
     */
    public Optional<Account> lockedIfFree(String accountId) {
        @SuppressWarnings("unchecked")
        List<Account> found = getEntityManager()
                .createNativeQuery("SELECT * FROM account WHERE account_id = :id FOR UPDATE SKIP LOCKED", Account.class)
                .setParameter("id", accountId)
                .getResultList();
        return found.stream().findFirst();
    }

    /** Accounts whose next day to charge may have ended: local dates run at most a day ahead of UTC. */
    public List<String> mayBeDue(LocalDate utcToday, int limit) {
        return getEntityManager()
                .createQuery(
                        "SELECT accountId FROM Account WHERE chargedThrough < :day"
                                + " ORDER BY chargedThrough, accountId",
                        String.class)
                .setParameter("day", utcToday)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<Account> page(int page, int size) {
        return Paging.withNext(findAll(Sort.ascending("accountId")), page, size);
    }
}
