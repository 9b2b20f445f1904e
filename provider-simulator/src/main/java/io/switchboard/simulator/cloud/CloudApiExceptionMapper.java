package io.switchboard.simulator.cloud;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class CloudApiExceptionMapper implements ExceptionMapper<CloudApiException> {

    @Override
    public Response toResponse(CloudApiException exception) {
        return exception.toResponse();
    }
}
