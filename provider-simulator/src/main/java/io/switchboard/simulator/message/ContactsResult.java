package io.switchboard.simulator.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The contact check's answer: each number as given, {@code valid} or {@code invalid}, and its WhatsApp id. */
public record ContactsResult(List<Contact> contacts) {

    public record Contact(
            String input,
            String status,
            @JsonProperty("wa_id") String waId) {}
}
