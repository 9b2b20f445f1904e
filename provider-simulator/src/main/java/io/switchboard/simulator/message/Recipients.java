package io.switchboard.simulator.message;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The simulated recipients' phones: every delivered message, in arrival order. A repeated idempotency key on the same
 * channel answers the first send again and delivers nothing, so a caller's retry never reaches the recipient twice.
 */
@ApplicationScoped
public class Recipients {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final List<ReceivedMessage> received = new ArrayList<>();
    private final Map<String, SendResult> answered = new HashMap<>();

    /** A send's answer, and whether it reached the recipient now (false: a repeat of an earlier key). */
    public record Delivery(SendResult result, boolean fresh) {}

    public synchronized Delivery deliver(String channelId, String from, String to, String body, String idempotencyKey) {
        return accept(channelId, from, to, body, idempotencyKey, true);
    }

    /** A send a "zombie" session answers as sent but that never reaches the recipient (nor the received list). */
    public synchronized Delivery lose(String channelId, String from, String to, String body, String idempotencyKey) {
        return accept(channelId, from, to, body, idempotencyKey, false);
    }

    private Delivery accept(
            String channelId, String from, String to, String body, String idempotencyKey, boolean reaches) {
        String key = idempotencyKey == null ? null : channelId + '\n' + idempotencyKey;
        if (key != null && answered.containsKey(key)) {
            return new Delivery(answered.get(key), false);
        }
        String id = newMessageId();
        if (reaches) {
            received.add(new ReceivedMessage(id, channelId, from, to, body, idempotencyKey, Instant.now()));
        }
        SendResult result = SendResult.sent(id);
        if (key != null) {
            answered.put(key, result);
        }
        return new Delivery(result, true);
    }

    /**
     * Messages sent to {@code to} (compared by its digits, so "+14155550199" and "14155550199@s.whatsapp.net" match),
     * or all.
     */
    public synchronized List<ReceivedMessage> to(String to) {
        if (to == null || to.isBlank()) {
            return List.copyOf(received);
        }
        String digits = digits(to);
        return select(message -> digits.isEmpty() ? message.to().equals(to) : digits.equals(digits(message.to())));
    }

    /** How many messages the recipients received, and when the first and the last arrived (null when none did). */
    public synchronized Stats stats() {
        return new Stats(
                received.size(),
                received.isEmpty() ? null : received.get(0).receivedAt(),
                received.isEmpty() ? null : received.get(received.size() - 1).receivedAt());
    }

    public record Stats(int messages, Instant firstReceivedAt, Instant lastReceivedAt) {}

    public synchronized List<ReceivedMessage> ofChannel(String channelId) {
        return select(message -> message.channelId().equals(channelId));
    }

    public synchronized void clear() {
        received.clear();
        answered.clear();
    }

    private List<ReceivedMessage> select(Predicate<ReceivedMessage> filter) {
        return received.stream().filter(filter).toList();
    }

    private static String digits(String address) {
        return Numbers.digits(address);
    }

    private static String newMessageId() {
        StringBuilder id = new StringBuilder("SIM");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 20; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
