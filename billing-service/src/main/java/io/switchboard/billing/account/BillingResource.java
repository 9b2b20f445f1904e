package io.switchboard.billing.account;

import io.switchboard.billing.money.Amounts;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;

/** Where an account stands: balance, state, runway, tariff and the channels it pays for. */
@Path("/v1/accounts/{accountId}/billing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class BillingResource {

    private final Accounts accounts;
    private final BillableChannels channels;
    private final CurrentAccount caller;

    public BillingResource(Accounts accounts, BillableChannels channels, CurrentAccount caller) {
        this.accounts = accounts;
        this.channels = channels;
        this.caller = caller;
    }

    @GET
    @Transactional
    public Billing get(@PathParam("accountId") String accountId) {
        Account account = accounts.read(caller.authorised(accountId));
        long billable = channels.enabledCount(accountId);
        return new Billing(
                account.accountId,
                Amounts.text(account.balanceMoney()),
                account.currency,
                account.state,
                account.runwayDays,
                account.lowBalanceDays,
                Amounts.text(account.tariffMoney()),
                Amounts.text(account.tariffMoney().multipliedBy(billable)),
                billable,
                account.timeZone,
                account.chargedThrough,
                account.version);
    }

    /**
     * @param runwayDays whole days the balance lasts at {@code dailyCost}; null when nothing is charged
     * @param lowBalanceRunwayDays LOW_BALANCE under this many days of runway
     * @param dailyCost the tariff times the billable channels
     * @param billableChannelCount enabled, not deleted: what the account pays for (a NOT_PAID channel again once
     *        paid); the channels themselves are listed, a page at a time, by {@code GET /v1/billing/channels}
     * @param chargedThrough the last day (in {@code timeZone}) whose charges are in the ledger
     */
    public record Billing(
            String accountId,
            String balance,
            String currency,
            BillingAccountState state,
            Integer runwayDays,
            int lowBalanceRunwayDays,
            String tariff,
            String dailyCost,
            long billableChannelCount,
            String timeZone,
            LocalDate chargedThrough,
            long version) {}
}
