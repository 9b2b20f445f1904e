package io.switchboard.billing.account;

import io.switchboard.billing.money.Amounts;
import io.switchboard.contracts.billing.BillingAccountState;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/** Accounts: {@code ops} creates, lists and changes them; an account administrator reads its own. */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Accounts accounts;
    private final OpeningBalances openingBalances;
    private final AccountEvents events;
    private final CurrentAccount caller;
    private final Clock clock;

    public AccountResource(
            Accounts accounts,
            OpeningBalances openingBalances,
            AccountEvents events,
            CurrentAccount caller,
            Clock clock) {
        this.accounts = accounts;
        this.openingBalances = openingBalances;
        this.events = events;
        this.caller = caller;
        this.clock = clock;
    }

    /** Opens an account; charging starts with the day it is created, from that moment. 409 when the id is taken. */
    @POST
    @RolesAllowed(Roles.OPS)
    @Transactional
    public Response create(@NotNull(message = "a JSON body is required") @Valid AccountRequests.Create request) {
        CurrencyUnit currency = Amounts.currency("currency", request.currency());
        ZoneId zone = zone(request.timeZone());
        Money tariff = tariff(request.tariff(), currency);
        Money opening = request.openingBalance() == null
                ? Money.zero(currency)
                : Amounts.parse("openingBalance", request.openingBalance(), currency);
        String id = request.id() == null ? UUID.randomUUID().toString() : request.id();
        if (accounts.existsLockingId(id)) {
            throw ProblemException.conflict("account-exists", "Account exists", "An account '" + id + "' exists");
        }
        Instant now = clock.instant();
        Account account = new Account();
        account.accountId = id;
        account.name = request.name().strip();
        account.currency = currency.getCode();
        account.timeZone = zone.getId();
        account.tariff = tariff.getAmount();
        account.lowBalanceDays = request.lowBalanceRunwayDays() == null ? 3 : request.lowBalanceRunwayDays();
        account.balance = Money.zero(currency).getAmount();
        account.state = BillingAccountState.NOT_PAID; // until opened() computes it
        account.chargedThrough = LocalDate.ofInstant(now, zone).minusDays(1);
        account.chargedUntil = now; // nothing before the opening is charged
        account.createdAt = now;
        account.updatedAt = now;
        accounts.persist(account);
        accounts.flush(); // the ledger's rows refer to it
        if (!opening.isZero()) {
            openingBalances.book(account, opening, caller.subject());
        }
        events.opened(account);
        return Response.created(URI.create("/v1/accounts/" + id))
                .entity(AccountView.of(account))
                .build();
    }

    @GET
    @RolesAllowed(Roles.OPS)
    @Transactional
    public AccountPage list(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<Account> rows = accounts.page(page, size);
        return new AccountPage(rows.stream().limit(size).map(AccountView::of).toList(), page, size, rows.size() > size);
    }

    @GET
    @Path("/{accountId}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
    @Transactional
    public AccountView get(@PathParam("accountId") String accountId) {
        return AccountView.of(accounts.read(caller.authorised(accountId)));
    }

    /** Changes name, time zone, tariff or threshold; a new time zone is announced, a new tariff reassessed. */
    @PATCH
    @Path("/{accountId}")
    @RolesAllowed(Roles.OPS)
    @Transactional
    public AccountView change(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid AccountRequests.Change request) {
        if (request.currency() != null) {
            throw new ProblemException(
                    Problem.invalidField("currency", "cannot be changed: the account's ledger is kept in it"));
        }
        Account account = accounts.locked(accountId);
        ZoneId zone = request.timeZone() == null ? null : zone(request.timeZone());
        Money tariff = request.tariff() == null ? null : tariff(request.tariff(), account.currencyUnit());
        if (request.name() != null) {
            account.name = request.name().strip();
        }
        if (tariff != null) {
            account.tariff = tariff.getAmount();
        }
        if (request.lowBalanceRunwayDays() != null) {
            account.lowBalanceDays = request.lowBalanceRunwayDays();
        }
        boolean moved = zone != null && !zone.getId().equals(account.timeZone);
        if (moved) {
            account.timeZone = zone.getId();
        }
        account.updatedAt = clock.instant();
        long version = account.version;
        events.reassess(account);
        if (moved && account.version == version) {
            events.announce(account); // the others show local times in it
        }
        return AccountView.of(account);
    }

    public record AccountPage(List<AccountView> items, int page, int size, boolean more) {}

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new ProblemException(Problem.invalidField(
                    "timeZone",
                    "'" + timeZone + "' is not a time zone; use an IANA name such as Europe/Berlin or UTC"));
        }
    }

    private static Money tariff(String text, CurrencyUnit currency) {
        Money tariff = Amounts.parse("tariff", text, currency);
        if (tariff.isNegative()) {
            throw new ProblemException(Problem.invalidField("tariff", "is at least 0"));
        }
        return tariff;
    }
}
