package io.switchboard.simulator.cloud;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.http.BearerKey;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Checks the access token of Cloud API calls: the same key as the provider API, refused as Meta does (code 190). */
@jakarta.ws.rs.ext.Provider
@CloudTokenRequired
@jakarta.annotation.Priority(Priorities.AUTHENTICATION)
public class CloudTokenFilter implements ContainerRequestFilter {

    private static final int INVALID_TOKEN = 190;

    // Looked up per request: filters are built while the app starts, before the runtime settings exist.
    private final Provider<SimulatorSettings> settings;

    public CloudTokenFilter(Provider<SimulatorSettings> settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        BearerKey.problem(
                        request.getHeaderString(HttpHeaders.AUTHORIZATION),
                        settings.get().apiKey())
                .ifPresent(problem -> request.abortWith(
                        CloudApiException.response(401, INVALID_TOKEN, "Invalid OAuth access token: " + problem)));
    }
}
