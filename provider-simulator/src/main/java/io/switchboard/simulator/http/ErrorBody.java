package io.switchboard.simulator.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The provider's error body, as Whapi answers it. */
public record ErrorBody(Error error) {

    public record Error(int code, String message) {}

    public static Response response(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(new Error(status, message)))
                .build();
    }
}
