package io.switchboard.simulator.http;

import io.switchboard.simulator.SimulatorSettings;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the partner API key before any provider API call, as the real provider does. */
@jakarta.ws.rs.ext.Provider
@ApiKeyRequired
@jakarta.annotation.Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // Looked up per request: filters are built while the app starts, before the runtime settings exist.
    private final Provider<SimulatorSettings> settings;

    public ApiKeyFilter(Provider<SimulatorSettings> settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(ErrorBody.response(401, "missing bearer token"));
            return;
        }
        byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, settings.get().apiKey().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(ErrorBody.response(401, "invalid api key"));
        }
    }
}
