package io.switchboard.channel.delivery;

import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * {@code /v1/accounts/{accountId}/delivery-probe}: the number of its own an account names for the delivery watchdog's
 * probes. An account administrator reaches only its own account, ops any.
 */
@Path("/v1/accounts/{accountId}/delivery-probe")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class ProbeNumberResource {

    /** {@code {"phone":"+14155550199"}}: in international format. */
    public record ProbeNumberRequest(
            @NotBlank(message = "is required (E.164, e.g. +14155550199)")
            @Size(max = 32, message = "is at most 32 characters")
            String phone) {}

    private final ProbeNumbers numbers;
    private final CurrentAccount caller;

    public ProbeNumberResource(ProbeNumbers numbers, CurrentAccount caller) {
        this.numbers = numbers;
        this.caller = caller;
    }

    @GET
    @Transactional
    public ProbeNumbers.ProbeNumber get(@PathParam("accountId") String accountId) {
        return numbers.of(caller.authorised(accountId)).orElseThrow(() -> none(accountId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ProbeNumbers.ProbeNumber set(
            @PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") @Valid ProbeNumberRequest request) {
        String account = caller.authorised(accountId);
        return numbers.set(account, PhoneNumbers.e164("phone", request.phone()), Instant.now());
    }

    @DELETE
    @Transactional
    public Response remove(@PathParam("accountId") String accountId) {
        if (!numbers.remove(caller.authorised(accountId))) {
            throw none(accountId);
        }
        return Response.noContent().build();
    }

    private static ProblemException none(String accountId) {
        return ProblemException.notFound("Delivery probe number of account", accountId);
    }
}
