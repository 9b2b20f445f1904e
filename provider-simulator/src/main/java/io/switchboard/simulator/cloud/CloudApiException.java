package io.switchboard.simulator.cloud;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An error in the Cloud API's shape: {@code {"error":{"message":..,"type":"OAuthException","code":..}}}. */
public class CloudApiException extends RuntimeException {

    /** Meta's generic "invalid parameter" code, also used for unknown objects. */
    static final int INVALID_PARAMETER = 100;

    private final int status;
    private final int code;

    CloudApiException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static CloudApiException badParameter(String message) {
        return new CloudApiException(400, INVALID_PARAMETER, message);
    }

    Response toResponse() {
        return response(status, code, getMessage());
    }

    static Response response(int status, int code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Body(new Body.Error(message, "OAuthException", code)))
                .build();
    }

    public record Body(Error error) {

        public record Error(String message, String type, int code) {}
    }
}
