package io.switchboard.systemtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The curators' webhook receiver: it fails the first attempt of every third notification (500), and answers 503 to
 * everything while it is {@link #down}, as a receiver that is being deployed; otherwise 204. It records every request.
 */
final class CuratorReceiver implements AutoCloseable {

    /** One request: the notification's {@code webhook-id}, its type and data, and what the receiver answered. */
    record Request(String webhookId, String type, JsonNode data, int answered, Instant at) {}

    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final WebhookReceiver receiver;
    private volatile boolean down;

    private CuratorReceiver() {
        this.receiver = WebhookReceiver.start((path, webhookId) -> WebhookReceiver.Answer.status(answerFor(webhookId)));
    }

    static CuratorReceiver start() {
        return new CuratorReceiver();
    }

    private int answerFor(String webhookId) {
        if (down) {
            return 503;
        }
        if (webhookId != null && Math.floorMod(webhookId.hashCode(), 3) == 0 && failedOnce.add(webhookId)) {
            return 500;
        }
        return 204;
    }

    String url() {
        return receiver.url("/curator");
    }

    void down(boolean down) {
        this.down = down;
    }

    List<Request> requests() {
        return receiver.requests().stream().map(CuratorReceiver::parsed).toList();
    }

    private static Request parsed(WebhookReceiver.Request request) {
        try {
            JsonNode body = SoakHttp.JSON.readTree(request.body());
            return new Request(
                    request.webhookId(),
                    body.path("type").asText(),
                    body.path("data"),
                    request.answered(),
                    request.at());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Times each {@code webhook-id} was taken (answered 2xx). */
    Map<String, Long> taken() {
        return requests().stream()
                .filter(r -> r.answered() / 100 == 2)
                .collect(Collectors.groupingBy(Request::webhookId, Collectors.counting()));
    }

    @Override
    public void close() {
        receiver.close();
    }
}
