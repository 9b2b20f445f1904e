package io.switchboard.testkit.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver of webhooks on a free local port, as curators run them: it records every request (path,
 * Standard Webhooks headers, body, what it answered) and answers by a script per path, else by a default policy.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it came, and the status it was answered with. */
    public record Request(
            String path, String webhookId, String timestamp, String signature, String body, int answered, Instant at) {}

    /**
     * An answer: its status, a {@code Retry-After} in seconds (none when null), and a delay before answering.
     */
    public record Answer(int status, Integer retryAfterSeconds, Duration delay) {

        public static Answer status(int status) {
            return new Answer(status, null, Duration.ZERO);
        }

        public Answer retryAfter(int seconds) {
            return new Answer(status, seconds, delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, retryAfterSeconds, wait);
        }
    }

    /** Decides the answer to a request no script covers (path, {@code webhook-id}). */
    @FunctionalInterface
    public interface Policy {
        Answer answer(String path, String webhookId);
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();
    private volatile Policy policy;

    private WebhookReceiver(HttpServer server, ExecutorService executor, Policy policy) {
        this.server = server;
        this.executor = executor;
        this.policy = policy;
    }

    /** A receiver that answers 204 to whatever no script covers. */
    public static WebhookReceiver start() {
        return start((path, webhookId) -> Answer.status(204));
    }

    public static WebhookReceiver start(Policy policy) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool();
            WebhookReceiver receiver = new WebhookReceiver(server, executor, policy);
            server.createContext("/", receiver::handle);
            server.setExecutor(executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of a path on this receiver, e.g. {@code url("/curator")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} are answered so, one answer each, in order; then the policy answers. */
    public void script(String path, Answer... answers) {
        scripts.put(path, new ConcurrentLinkedQueue<>(List.of(answers)));
    }

    public void policy(Policy policy) {
        this.policy = policy;
    }

    /** Every request so far, in the order they came. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one path, in the order they came. */
    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            Answer scripted =
                    scripts.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            Answer answer = scripted != null ? scripted : policy.answer(path, webhookId);
            requests.add(new Request(
                    path,
                    webhookId,
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body,
                    answer.status(),
                    Instant.now()));
            if (answer.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer.retryAfterSeconds()));
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis()); // a slow receiver, as the test asked for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
