package io.switchboard.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP for the demo: every answer is read, whatever its status, and parsed if it is JSON. */
final class JsonHttp {

    /** An answer; {@code json} is a missing node when the body is not JSON. */
    record Response(int status, String contentType, String body, JsonNode json) {

        String text(String field) {
            JsonNode value = json.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private final HttpClient client;
    private final ObjectMapper mapper;

    JsonHttp(HttpClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    Response get(String url, Map<String, String> headers) {
        return send(request(url, headers).GET().build());
    }

    Response delete(String url, Map<String, String> headers) {
        return send(request(url, headers).DELETE().build());
    }

    /** POSTs {@code body} as JSON, or nothing when it is null. */
    Response post(String url, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(url, headers);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body)));
        }
        return send(request.build());
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HttpRequest.Builder request(String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json, application/problem+json");
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Response(response.statusCode(), contentType, response.body(), parse(response.body()));
        } catch (ConnectException e) {
            throw new CliException(
                    "Nothing answers at " + request.uri() + ". Is the platform up? ./switchboard status");
        } catch (IOException e) {
            throw new CliException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
