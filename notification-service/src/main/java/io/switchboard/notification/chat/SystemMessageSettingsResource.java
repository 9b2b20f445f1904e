package io.switchboard.notification.chat;

import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * An account's system messages: each group on or off, ND (minutes) and NR (hours). An account administrator reaches
 * only its own account (another answers 404); {@code ops} any.
 */
@Path("/v1/accounts/{accountId}/system-messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class SystemMessageSettingsResource {

    private final SystemMessagesByAccount accounts;
    private final CurrentAccount caller;
    private final Clock clock;

    public SystemMessageSettingsResource(SystemMessagesByAccount accounts, CurrentAccount caller, Clock clock) {
        this.accounts = accounts;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Transactional
    public SettingsView get(@PathParam("accountId") String accountId) {
        return SettingsView.of(accounts.of(caller.authorised(accountId)));
    }

    /** Replaces the account's choice; a field left out takes its default. ND and NR apply to messages sent after. */
    @PUT
    @Transactional
    public SettingsView replace(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid SettingsRequest request) {
        caller.authorised(accountId);
        AccountSystemMessages defaults = AccountSystemMessages.defaults(accountId, accounts.settings());
        AccountSystemMessages stored = accounts.findById(accountId);
        AccountSystemMessages chosen =
                stored != null ? stored : AccountSystemMessages.defaults(accountId, accounts.settings());
        chosen.chatStart = request.chatStart() == null ? defaults.chatStart : request.chatStart();
        chosen.missedCalls = request.missedCalls() == null ? defaults.missedCalls : request.missedCalls();
        chosen.delivery = request.delivery() == null ? defaults.delivery : request.delivery();
        chosen.notDeliveredMinutes =
                request.notDeliveredMinutes() == null ? defaults.notDeliveredMinutes : request.notDeliveredMinutes();
        chosen.notReadHours = request.notReadHours() == null ? defaults.notReadHours : request.notReadHours();
        chosen.updatedAt = clock.instant();
        if (stored == null) {
            accounts.persist(chosen); // written once whole: an insert takes the entity as it is at persist
        }
        return SettingsView.of(chosen);
    }

    /**
     * @param chatStart chat initialised / chat not possible
     * @param missedCalls missed voice and video calls
     * @param delivery not delivered, delivered and read, finally delivered, not read, all read, status unknown
     */
    public record SettingsRequest(
            Boolean chatStart,
            Boolean missedCalls,
            Boolean delivery,

            @Min(value = 1, message = "must be at least 1 minute")
            @Max(value = 1440, message = "must be at most 1440 minutes (a day)")
            Integer notDeliveredMinutes,

            @Min(value = 1, message = "must be at least 1 hour")
            @Max(value = 168, message = "must be at most 168 hours (a week)")
            Integer notReadHours) {}

    public record SettingsView(
            String accountId,
            boolean chatStart,
            boolean missedCalls,
            boolean delivery,
            int notDeliveredMinutes,
            int notReadHours) {

        static SettingsView of(AccountSystemMessages chosen) {
            return new SettingsView(
                    chosen.accountId,
                    chosen.chatStart,
                    chosen.missedCalls,
                    chosen.delivery,
                    chosen.notDeliveredMinutes,
                    chosen.notReadHours);
        }
    }
}
