package io.switchboard.notification.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.rest.StrictJsonResolver;
import jakarta.ws.rs.ext.Provider;

/** The notification API refuses unknown fields in request bodies (400). */
@Provider
public class StrictJson extends StrictJsonResolver {

    public StrictJson(ObjectMapper mapper) {
        super(mapper);
    }
}
