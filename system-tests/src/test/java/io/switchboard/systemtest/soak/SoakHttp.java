package io.switchboard.systemtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The soak's HTTP client: every call has a time-out, and a service that is away (killed, restarting) is an answer the
 * caller decides about, not a test failure.
 */
final class SoakHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** What a service answered. */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status / 100 == 2;
        }

        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One call; an {@link IOException} when the service did not answer (away, connection reset, time-out). */
    Answer call(String method, String url, String token, Object body) throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(
                    response.statusCode(),
                    text == null || text.isBlank() ? MissingNode.getInstance() : readOrText(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The call repeated while the service is away or answers 5xx (a fault of the soak), until {@code within} has
     * passed; any other answer is returned as it is.
     */
    Answer patiently(String method, String url, String token, Object body, Duration within) {
        Instant deadline = Instant.now().plus(within);
        String last = "no attempt";
        while (Instant.now().isBefore(deadline)) {
            try {
                Answer answer = call(method, url, token, body);
                if (answer.status() < 500) {
                    return answer;
                }
                last = "HTTP " + answer.status() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError(method + " " + url + " got no answer within " + within + ": " + last);
    }

    /** {@link #patiently} that must end in a 2xx. */
    JsonNode expectOk(String method, String url, String token, Object body) {
        Answer answer = patiently(method, url, token, body, Duration.ofMinutes(3));
        if (!answer.ok()) {
            throw new AssertionError(method + " " + url + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode readOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
