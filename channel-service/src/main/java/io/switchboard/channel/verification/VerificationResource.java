package io.switchboard.channel.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** Verification of a disconnected Cloud API number (docs/product/cloud-api-verification.md). */
@Path("/v1/channels/{id}/verification")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class VerificationResource {

    private final NumberVerification verifications;
    private final CurrentAccount account;
    private final ObjectMapper json;

    public VerificationResource(NumberVerification verifications, CurrentAccount account, ObjectMapper json) {
        this.verifications = verifications;
        this.account = account;
        this.json = json;
    }

    @GET
    public VerificationView get(@PathParam("id") String id) {
        return verifications.view(account.id(), id);
    }

    /** Sends a code to the number by SMS (the default) or a voice call. The body may be left out. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public VerificationView requestCode(@PathParam("id") String id, String body) {
        return verifications.requestCode(account.id(), id, methodOf(optionalBody(body)));
    }

    private RequestCodeRequest optionalBody(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, RequestCodeRequest.class);
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest(
                    "malformed-json",
                    "Malformed request body",
                    "The body is not a JSON object like {\"method\":\"sms\"}");
        }
    }

    /**
     * Verifies the code: the number is registered, its permissions refreshed, and the channel ACTIVE (200). 202 when
     * the code was right but the Cloud API has not answered the registration yet: it is retried until it does.
     */
    @POST
    @Path("/code")
    public Response submitCode(
            @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid SubmitCodeRequest request) {
        NumberVerification.Submitted submitted = verifications.submitCode(account.id(), id, request);
        return Response.status(submitted.pending() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(submitted.view())
                .build();
    }

    private static VerificationMethod methodOf(RequestCodeRequest request) {
        if (request == null || request.method() == null) {
            return VerificationMethod.SMS;
        }
        try {
            return VerificationMethod.valueOf(request.method().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidField("method", "must be sms or voice"));
        }
    }
}
