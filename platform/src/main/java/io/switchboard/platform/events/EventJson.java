package io.switchboard.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads event payloads with the service's Jackson settings. A payload that does not parse is a poison record. */
@ApplicationScoped
public class EventJson {

    private final ObjectMapper objectMapper;

    public EventJson(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public <T> T read(IncomingEvent event, Class<T> type) {
        try {
            return objectMapper.readValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("Event " + event.id() + " is not a valid " + type.getSimpleName(), e);
        }
    }
}
