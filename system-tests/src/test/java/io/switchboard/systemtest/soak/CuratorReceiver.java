package io.switchboard.systemtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The curators' webhook receiver: it fails the first attempt of every third notification (500), and answers 503 to
 * everything while it is {@link #down}, as a receiver that is being deployed; otherwise 204. It records every request.
 */
final class CuratorReceiver implements AutoCloseable {

    /** One request: the notification's {@code webhook-id}, its type and data, and what the receiver answered. */
    record Request(String webhookId, String type, JsonNode data, int answered, Instant at) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    private CuratorReceiver(HttpServer server) {
        this.server = server;
    }

    static CuratorReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CuratorReceiver receiver = new CuratorReceiver(server);
        server.createContext("/curator", exchange -> {
            JsonNode body = SoakHttp.JSON.readTree(exchange.getRequestBody().readAllBytes());
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            int status = receiver.answerFor(id);
            receiver.requests.add(new Request(id, body.path("type").asText(), body.path("data"), status, Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return receiver;
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
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/curator";
    }

    void down(boolean down) {
        this.down = down;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Times each {@code webhook-id} was taken (answered 2xx). */
    Map<String, Long> taken() {
        return requests.stream().filter(r -> r.answered() / 100 == 2)
                .collect(Collectors.groupingBy(Request::webhookId, Collectors.counting()));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
