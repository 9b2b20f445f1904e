package io.switchboard.simulator.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProviderExceptionMapper implements ExceptionMapper<ProviderException> {

    @Override
    public Response toResponse(ProviderException exception) {
        return ErrorBody.response(exception.status(), exception.getMessage());
    }
}
