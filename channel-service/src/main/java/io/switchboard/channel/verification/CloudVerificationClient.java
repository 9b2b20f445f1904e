package io.switchboard.channel.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Request a code, verify it, register the number, refresh the app's permissions: the Cloud API calls of the
 * verification (docs/product/cloud-api-verification.md), with the Cloud API's errors turned into what a caller of
 * Switchboard can act on. Time-outs are the REST client's ({@code quarkus.rest-client.cloud-api.*-timeout}).
 */
@ApplicationScoped
class CloudVerificationClient {

    /** Meta's error code for a verification code that does not match. */
    static final int INVALID_CODE = 136025;

    private static final Logger LOG = Logger.getLogger(CloudVerificationClient.class);

    private final CloudVerificationApi cloud;
    private final ObjectMapper json;

    public CloudVerificationClient(@RestClient CloudVerificationApi cloud, ObjectMapper json) {
        this.cloud = cloud;
        this.json = json;
    }

    public void requestCode(String phoneNumberId, VerificationMethod method, String language) {
        call(
                "request_code",
                () -> cloud.requestCode(phoneNumberId, new CloudVerificationApi.RequestCode(method.name(), language)));
    }

    /** True if the code is the number's; false if the Cloud API says it is not. */
    public boolean verifyCode(String phoneNumberId, String code) {
        try {
            call("verify_code", () -> cloud.verifyCode(phoneNumberId, new CloudVerificationApi.VerifyCode(code)));
            return true;
        } catch (WrongCode e) {
            return false;
        }
    }

    public void register(String phoneNumberId, String pin) {
        call("register", () -> cloud.register(phoneNumberId, new CloudVerificationApi.Register("whatsapp", pin)));
    }

    public void refreshPermissions(String phoneNumberId) {
        call("subscribed_apps", () -> cloud.subscribeApp(phoneNumberId));
    }

    private void call(String operation, Supplier<CloudVerificationApi.Success> request) {
        try {
            request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            JsonNode error = errorOf(e);
            if (error.path("code").asInt() == INVALID_CODE) {
                throw new WrongCode();
            }
            String message = error.path("message").asText("HTTP " + status);
            LOG.warnf("Cloud API %s refused: %d %s", operation, status, message);
            throw new ProblemException(Problem.of(
                            502,
                            "cloud-api-refused",
                            "The Cloud API refused the request",
                            "Cloud API " + operation + " answered " + status + ": " + message)
                    .with("operation", operation)
                    .with("cloudApiStatus", status)
                    .with("cloudApiErrorCode", error.path("code").asInt()));
        } catch (ProcessingException e) {
            LOG.warnf("Cloud API %s unreachable: %s", operation, e.getMessage());
            throw new ProblemException(Problem.of(
                            503,
                            "cloud-api-unavailable",
                            "The Cloud API is not reachable",
                            "Cloud API " + operation + " could not be called; nothing was counted, try again")
                    .with("operation", operation)
                    .retryAfter(30));
        }
    }

    private JsonNode errorOf(WebApplicationException e) {
        try {
            return json.readTree(e.getResponse().readEntity(String.class)).path("error");
        } catch (RuntimeException | java.io.IOException unreadable) {
            return json.createObjectNode();
        }
    }

    /** The Cloud API said the code does not match. */
    static final class WrongCode extends RuntimeException {
        WrongCode() {
            super("wrong verification code", null, false, false);
        }
    }
}
