package io.switchboard.queue.message;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.MessageState;
import java.time.Instant;
import java.util.List;

/**
 * A message as {@link MessageView} shows it (its fields inline), with every state it went through
 * ({@code GET /v1/messages/{id}}).
 */
record MessageDetail(@JsonUnwrapped MessageView message, List<Change> history) {

    private static final ObjectMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    /** One state change: the state it moved to, why, and when. */
    public record Change(
            MessageState state,
            String reason,
            ChannelStatus heldBy,
            String errorCode,
            String providerMessageId,
            Instant at) {}

    public static MessageDetail of(StoredMessage message) {
        try {
            return new MessageDetail(
                    MessageView.of(message),
                    JSON.readValue(
                            message.history(),
                            JSON.getTypeFactory().constructCollectionType(List.class, Change.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("History of message " + message.id() + " is not readable", e);
        }
    }
}
