package io.switchboard.queue.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/channels/{id}/messages:batch}: up to {@value #MAX} messages, accepted in one transaction. The items
 * are read one by one ({@link SendMessageRequest} each), so that a bad item is refused alone.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record SendBatchRequest(
        @NotNull(message = "is required (a list of 1 to " + MAX + " messages)")
        @Size(min = 1, max = MAX, message = "holds 1 to " + MAX + " messages")
        @Schema(type = SchemaType.ARRAY, implementation = SendMessageRequest.class)
        List<JsonNode> messages) {

    public static final int MAX = 500;
}
