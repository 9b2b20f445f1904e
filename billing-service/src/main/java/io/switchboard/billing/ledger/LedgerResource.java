package io.switchboard.billing.ledger;

import io.switchboard.billing.account.Account;
import io.switchboard.billing.account.AccountEvents;
import io.switchboard.billing.account.Accounts;
import io.switchboard.billing.money.Amounts;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * An account's ledger: read by its administrator or {@code ops}; payments, refunds and adjustments are recorded by
 * {@code ops} (a payment processor's integration holds an ops token), each once per idempotency key.
 */
@Path("/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LedgerResource {

    /** Answers a repeated idempotency key: this is the first request's entry. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final Accounts accounts;
    private final Ledger ledger;
    private final AccountEvents events;
    private final CurrentAccount caller;

    public LedgerResource(Accounts accounts, Ledger ledger, AccountEvents events, CurrentAccount caller) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.events = events;
        this.caller = caller;
    }

    /**
     * Newest first; {@code kind} one of the entry kinds, {@code from} (inclusive) and {@code to} (exclusive) instants.
     */
    @GET
    @Path("/ledger")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
    @Transactional
    public EntryPage entries(
            @PathParam("accountId") String accountId,
            @QueryParam("kind") String kind,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        LedgerKind entryKind = kind(kind);
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ProblemException(Problem.invalidField("to", "is after from"));
        }
        accounts.read(caller.authorised(accountId));
        List<LedgerEntry> rows = ledger.page(accountId, entryKind, since, until, page, size);
        return new EntryPage(rows.stream().limit(size).map(EntryView::of).toList(), page, size, rows.size() > size);
    }

    @GET
    @Path("/ledger/{entryId}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
    @Transactional
    public EntryView entry(@PathParam("accountId") String accountId, @PathParam("entryId") String entryId) {
        accounts.read(caller.authorised(accountId));
        return ledger.find("accountId = ?1 and entryId = ?2", accountId, uuid(entryId))
                .firstResultOptional()
                .map(EntryView::of)
                .orElseThrow(() -> ProblemException.notFound("Ledger entry", entryId));
    }

    @POST
    @Path("/payments")
    @RolesAllowed(Roles.OPS)
    @Transactional
    public Response pay(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid EntryRequests.Payment request) {
        Account account = accounts.locked(accountId);
        Money amount = Amounts.positive("amount", request.amount(), currency(account, request.currency()));
        return answer(
                account,
                Ledger.Draft.requested(
                        LedgerKind.PAYMENT, amount, request.idempotencyKey(), request.reference(), caller.subject()));
    }

    /** Money given back: a positive amount, at most the balance. */
    @POST
    @Path("/refunds")
    @RolesAllowed(Roles.OPS)
    @Transactional
    public Response refund(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid EntryRequests.Correction request) {
        Account account = accounts.locked(accountId);
        Money amount = Amounts.positive("amount", request.amount(), currency(account, request.currency()));
        Ledger.Draft draft = Ledger.Draft.requested(
                LedgerKind.REFUND, amount.negated(), request.idempotencyKey(), request.reason(), caller.subject());
        if (amount.isGreaterThan(account.balanceMoney()) && !ledger.hasKey(account, request.idempotencyKey())) {
            throw new ProblemException(Problem.of(
                            409,
                            "refund-exceeds-balance",
                            "Refund exceeds the balance",
                            "A refund of " + Amounts.text(amount) + " " + account.currency
                                    + " is more than the balance of " + Amounts.text(account.balanceMoney()) + " "
                                    + account.currency)
                    .with("balance", Amounts.text(account.balanceMoney())));
        }
        return answer(account, draft);
    }

    /** A correction either way (a signed, non-zero amount). */
    @POST
    @Path("/adjustments")
    @RolesAllowed(Roles.OPS)
    @Transactional
    public Response adjust(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid EntryRequests.Correction request) {
        Account account = accounts.locked(accountId);
        Money amount = Amounts.parse("amount", request.amount(), currency(account, request.currency()));
        if (amount.isZero()) {
            throw new ProblemException(Problem.invalidField("amount", "is not zero"));
        }
        return answer(
                account,
                Ledger.Draft.requested(
                        LedgerKind.ADJUSTMENT, amount, request.idempotencyKey(), request.reason(), caller.subject()));
    }

    /** 201 with the entry, the first time and on every repeat of its key (marked {@value #REPLAYED}). */
    private Response answer(Account account, Ledger.Draft draft) {
        Ledger.Posted posted = ledger.post(account, draft);
        if (!posted.replayed()) {
            events.reassess(account);
        }
        Response.ResponseBuilder response = Response.created(
                        URI.create("/v1/accounts/" + account.accountId + "/ledger/" + posted.entry().entryId))
                .entity(new Recorded(
                        EntryView.of(posted.entry()), Amounts.text(account.balanceMoney()), account.state.name()));
        if (posted.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    /** The entry, and the account's balance and state after the request. */
    public record Recorded(EntryView entry, String balance, String state) {}

    public record EntryPage(List<EntryView> items, int page, int size, boolean more) {}

    private static CurrencyUnit currency(Account account, String currency) {
        CurrencyUnit given = Amounts.currency("currency", currency);
        if (!given.getCode().equals(account.currency)) {
            throw new ProblemException(Problem.invalidField(
                    "currency", "is " + account.currency + ", the account's currency (got " + given.getCode() + ")"));
        }
        return given;
    }

    private static LedgerKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return LedgerKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    Problem.invalidField("kind", "is one of " + Arrays.toString(LedgerKind.values())));
        }
    }

    private static UUID uuid(String entryId) {
        try {
            return UUID.fromString(entryId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Ledger entry", entryId);
        }
    }

    /** The instants the database keeps and a ledger can hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new ProblemException(Problem.invalidField(field, "is between the years 1 and 9999"));
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalidField(field, "is an instant such as 2026-12-01T00:00:00Z"));
        }
    }
}
