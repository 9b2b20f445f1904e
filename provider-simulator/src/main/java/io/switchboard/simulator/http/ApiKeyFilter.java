package io.switchboard.simulator.http;

import io.switchboard.simulator.SimulatorSettings;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Checks the partner API key before any provider API call, as the real provider does. */
@jakarta.ws.rs.ext.Provider
@ApiKeyRequired
@jakarta.annotation.Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    // Looked up per request: filters are built while the app starts, before the runtime settings exist.
    private final Provider<SimulatorSettings> settings;

    public ApiKeyFilter(Provider<SimulatorSettings> settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        BearerKey.problem(
                        request.getHeaderString(HttpHeaders.AUTHORIZATION),
                        settings.get().apiKey())
                .ifPresent(problem -> request.abortWith(ErrorBody.response(401, problem)));
    }
}
