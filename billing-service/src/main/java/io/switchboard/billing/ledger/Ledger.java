package io.switchboard.billing.ledger;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.switchboard.billing.account.Account;
import io.switchboard.billing.money.Amounts;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.joda.money.Money;

/**
 * Appends to an account's ledger. The caller holds the account's lock, so entries get an unbroken sequence and each
 * one's balance is the previous plus its amount; the account's cached balance moves with it in the same transaction.
 */
@ApplicationScoped
public class Ledger implements PanacheRepositoryBase<LedgerEntry, LedgerEntry.Key> {

    /**
     * An entry to be written.
     *
     * @param amount signed: what it does to the balance
     * @param idempotencyKey unique per account: a repeat answers the first entry
     * @param fingerprint what the request said, to tell a repeat from another request under the same key
     */
    public record Draft(
            LedgerKind kind,
            Money amount,
            String idempotencyKey,
            String fingerprint,
            String reason,
            String channelId,
            LocalDate chargeDay,
            Integer billedSeconds,
            Integer daySeconds,
            String createdBy) {

        /** A payment, refund or adjustment asked for through the API. */
        public static Draft requested(
                LedgerKind kind, Money amount, String idempotencyKey, String reason, String createdBy) {
            String fingerprint = kind + "|" + Amounts.text(amount) + "|"
                    + amount.getCurrencyUnit().getCode() + "|" + (reason == null ? "" : reason);
            return new Draft(kind, amount, idempotencyKey, fingerprint, reason, null, null, null, null, createdBy);
        }
    }

    /** The entry a request made; {@code replayed} when an earlier request with its key made it. */
    public record Posted(LedgerEntry entry, boolean replayed) {}

    private final Clock clock;

    public Ledger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends one entry to a locked account, or answers the one its key made before; 409 for the key with another body.
     */
    public Posted post(Account account, Draft draft) {
        Optional<LedgerEntry> earlier = find(
                        "accountId = ?1 and idempotencyKey = ?2", account.accountId, draft.idempotencyKey())
                .firstResultOptional();
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint.equals(draft.fingerprint())) {
                throw new ProblemException(Problem.of(
                                409,
                                "idempotency-key-reused",
                                "Idempotency key reused",
                                "idempotencyKey '" + draft.idempotencyKey() + "' was used for another request (entry "
                                        + earlier.get().entryId + ")")
                        .with("entryId", earlier.get().entryId.toString()));
            }
            return new Posted(earlier.get(), true);
        }
        return new Posted(append(account, List.of(draft)).get(0), false);
    }

    /** Whether the key has made an entry of the account already. */
    public boolean hasKey(Account account, String idempotencyKey) {
        return count("accountId = ?1 and idempotencyKey = ?2", account.accountId, idempotencyKey) > 0;
    }

    /** Appends entries whose keys are known to be new (the charge run's, guarded by the account's charged day). */
    public List<LedgerEntry> append(Account account, List<Draft> drafts) {
        Instant now = clock.instant();
        Money balance = account.balanceMoney();
        List<LedgerEntry> written = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            balance = balance.plus(draft.amount());
            if (!Amounts.fitsLedger(balance)) {
                throw new ProblemException(Problem.of(
                        409,
                        "balance-out-of-range",
                        "Balance out of range",
                        "The entry would take the balance to 10^15 or beyond, which the ledger does not keep"));
            }
            LedgerEntry entry = new LedgerEntry();
            entry.accountId = account.accountId;
            entry.seq = ++account.lastSeq;
            entry.entryId = UUID.randomUUID();
            entry.kind = draft.kind();
            entry.amount = draft.amount().getAmount();
            entry.currency = draft.amount().getCurrencyUnit().getCode();
            entry.balanceAfter = balance.getAmount();
            entry.idempotencyKey = draft.idempotencyKey();
            entry.fingerprint = draft.fingerprint();
            entry.reason = draft.reason();
            entry.channelId = draft.channelId();
            entry.chargeDay = draft.chargeDay();
            entry.billedSeconds = draft.billedSeconds();
            entry.daySeconds = draft.daySeconds();
            entry.createdBy = draft.createdBy();
            entry.createdAt = now;
            persist(entry);
            written.add(entry);
        }
        account.balance = balance.getAmount();
        account.updatedAt = now;
        return written;
    }

    /** A page of an account's entries, newest first, optionally of one kind and within [from, to). */
    public List<LedgerEntry> page(String accountId, LedgerKind kind, Instant from, Instant to, int page, int size) {
        StringBuilder query = new StringBuilder("accountId = :account");
        Parameters parameters = Parameters.with("account", accountId);
        if (kind != null) {
            query.append(" and kind = :kind");
            parameters.and("kind", kind);
        }
        if (from != null) {
            query.append(" and createdAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            query.append(" and createdAt < :to");
            parameters.and("to", to);
        }
        return Paging.withNext(find(query + " order by seq desc", parameters), page, size);
    }
}
