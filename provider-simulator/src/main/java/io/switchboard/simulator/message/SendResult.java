package io.switchboard.simulator.message;

/** The provider's answer to a send: {@code {"sent":true,"message":{"id":..,"status":"sent"}}}. */
public record SendResult(boolean sent, Message message) {

    public record Message(String id, String status) {}

    static SendResult sent(String messageId) {
        return new SendResult(true, new Message(messageId, "sent"));
    }
}
