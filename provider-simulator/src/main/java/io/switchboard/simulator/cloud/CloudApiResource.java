package io.switchboard.simulator.cloud;

import io.switchboard.simulator.cloud.CloudRequests.Register;
import io.switchboard.simulator.cloud.CloudRequests.RequestCode;
import io.switchboard.simulator.cloud.CloudRequests.Success;
import io.switchboard.simulator.cloud.CloudRequests.VerifyCode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The official WhatsApp Cloud API's number verification (docs/product/cloud-api-verification.md): request a code,
 * verify it, register the number. The same app plays it so that a disconnected official number can be reconnected in
 * tests.
 */
@Path("/cloud/v1/{phoneNumberId}")
@CloudTokenRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cloud API")
public class CloudApiResource {

    /** Meta's code for a verification code that does not match. */
    static final int INVALID_CODE = 136025;

    private static final Logger LOG = Logger.getLogger(CloudApiResource.class);

    private final CloudNumbers numbers;

    public CloudApiResource(CloudNumbers numbers) {
        this.numbers = numbers;
    }

    /** The number's health status, quality and messaging limit (whatever {@code fields} asks for: all three). */
    @GET
    public Map<String, Object> standing(@PathParam("phoneNumberId") String id) {
        return numbers.get(id).standingView();
    }

    @POST
    @Path("/request_code")
    public Success requestCode(@PathParam("phoneNumberId") String id, RequestCode request) {
        CloudNumber number = numbers.get(id);
        number.requestCode(request == null ? null : request.codeMethod(), request == null ? null : request.language());
        LOG.infof("Cloud number %s: code requested by %s", id, request.codeMethod());
        return Success.OK;
    }

    @POST
    @Path("/verify_code")
    public Success verifyCode(@PathParam("phoneNumberId") String id, VerifyCode request) {
        CloudNumber number = numbers.get(id);
        number.verify(request == null ? null : request.code());
        LOG.infof("Cloud number %s verified", id);
        return Success.OK;
    }

    @POST
    @Path("/register")
    public Success register(@PathParam("phoneNumberId") String id, Register request) {
        CloudNumber number = numbers.get(id);
        if (request == null || !"whatsapp".equals(request.messagingProduct())) {
            throw CloudApiException.badParameter("(#100) Param messaging_product must be whatsapp");
        }
        if (request.pin() == null || !request.pin().matches("\\d{6}")) {
            throw CloudApiException.badParameter("(#100) Param pin must be 6 digits");
        }
        number.register();
        LOG.infof("Cloud number %s registered", id);
        return Success.OK;
    }

    /**
     * Refreshes the app's permissions on the number (subscribes it to the number's webhooks again); Meta has this on
     * the WhatsApp Business Account, the simulator on the number, which it knows. Only a registered number.
     */
    @POST
    @Path("/subscribed_apps")
    public Success subscribeApp(@PathParam("phoneNumberId") String id) {
        numbers.get(id).subscribeApp();
        LOG.infof("Cloud number %s: app permissions refreshed", id);
        return Success.OK;
    }
}
