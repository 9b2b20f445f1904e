package io.switchboard.simulator.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /v1/channels/{id}/contacts}. */
public record ContactsRequest(
        String blocking,
        List<String> contacts,
        @JsonProperty("force_check") Boolean forceCheck) {}
