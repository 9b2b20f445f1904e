package io.switchboard.channel.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The official WhatsApp Cloud API's number verification calls, relative to {@code switchboard.cloud-api.base-url}. */
@RegisterRestClient(configKey = "cloud-api")
@Path("/{phoneNumberId}")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${switchboard.cloud-api.access-token}")
public interface CloudVerificationApi {

    @POST
    @Path("/request_code")
    Success requestCode(@PathParam("phoneNumberId") String phoneNumberId, RequestCode request);

    @POST
    @Path("/verify_code")
    Success verifyCode(@PathParam("phoneNumberId") String phoneNumberId, VerifyCode request);

    @POST
    @Path("/register")
    Success register(@PathParam("phoneNumberId") String phoneNumberId, Register request);

    /** Refreshes the app's permissions (its webhook subscription) for the number. */
    @POST
    @Path("/subscribed_apps")
    Success subscribeApp(@PathParam("phoneNumberId") String phoneNumberId);

    record RequestCode(@JsonProperty("code_method") String codeMethod, String language) {}

    record VerifyCode(String code) {}

    record Register(@JsonProperty("messaging_product") String messagingProduct, String pin) {}

    record Success(boolean success) {}
}
