package io.switchboard.queue.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /v1/channels/{id}/messages:batch}: up to {@value #MAX} messages, accepted in one transaction. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SendBatchRequest(
        @NotNull(message = "is required (a list of 1 to " + MAX + " messages)")
        @Size(min = 1, max = MAX, message = "holds 1 to " + MAX + " messages") List<SendMessageRequest> messages) {

    public static final int MAX = 500;
}
