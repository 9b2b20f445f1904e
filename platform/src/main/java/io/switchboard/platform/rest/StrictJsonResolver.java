package io.switchboard.platform.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * Request bodies with a field the API does not know are refused (400), so a typo such as {@code "ttl"} for
 * {@code "ttlSeconds"} is not silently ignored. A service opts in with a {@code @Provider} subclass: not every REST
 * endpoint may be strict (provider webhooks carry fields nobody asked for), and events on Kafka stay lenient, so that a
 * producer may add fields.
 */
public abstract class StrictJsonResolver implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    protected StrictJsonResolver(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
