package io.switchboard.queue.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The provider's send and contact-check calls (Whapi-style), and the Cloud API's send, blocking, on the caller's
 * thread; every answer is returned, none thrown, so that the dispatcher decides what each one means. A Whapi send
 * carries the message id as {@code Idempotency-Key}: sent again after a crash or a time-out, it reaches the recipient
 * once. The Cloud API has no such key: the message id travels as {@code biz_opaque_callback_data} (its status
 * webhooks echo it), and a send repeated after a crash between the call and its record may reach the recipient twice.
 */
@ApplicationScoped
class ProviderClient {

    private static final Logger LOG = Logger.getLogger(ProviderClient.class);

    private final ProviderClientSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Endpoint gateway;
    private final Endpoint cloud;

    /** Where calls go and with which bearer token. */
    private record Endpoint(String base, String token) {

        static Endpoint of(String base, String token) {
            return new Endpoint(base.replaceAll("/+$", ""), token);
        }
    }

    public ProviderClient(ProviderClientSettings settings, CloudApiSettings cloudApi, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.gateway = Endpoint.of(settings.baseUrl(), settings.apiKey());
        this.cloud = Endpoint.of(cloudApi.baseUrl(), cloudApi.accessToken());
    }

    /** {@code POST /v1/channels/{id}/messages/text}: {@code {"sent":true,"message":{"id":...}}}. */
    public ProviderAnswer sendText(String providerChannelId, String idempotencyKey, String to, String text) {
        return post(
                gateway,
                "/v1/channels/" + encode(providerChannelId) + "/messages/text",
                Map.of("to", to, "body", text),
                idempotencyKey);
    }

    /**
     * The Cloud API's {@code POST /{phone-number-id}/messages} with a text: answers
     * {@code {"messaging_product":"whatsapp","contacts":[...],"messages":[{"id":"wamid..."}]}}.
     */
    public ProviderAnswer sendCloudText(String phoneNumberId, String messageId, String to, String text) {
        return sendCloud(phoneNumberId, messageId, to, "text", Map.of("body", text));
    }

    /**
     * The Cloud API's {@code POST /{phone-number-id}/messages} with an approved template: {@code template} is Meta's
     * template object (name, language, components) as the message stored it.
     */
    public ProviderAnswer sendCloudTemplate(String phoneNumberId, String messageId, String to, String template) {
        try {
            return sendCloud(phoneNumberId, messageId, to, "template", json.readTree(template));
        } catch (IOException e) {
            throw new IllegalStateException("A stored template is not JSON: " + messageId, e);
        }
    }

    /** A Cloud API send of one {@code type}, its content under the type's name, the message id echoed back. */
    private ProviderAnswer sendCloud(String phoneNumberId, String messageId, String to, String type, Object content) {
        return post(
                cloud,
                "/" + encode(phoneNumberId) + "/messages",
                Map.of(
                        "messaging_product",
                        "whatsapp",
                        "recipient_type",
                        "individual",
                        "to",
                        to,
                        "type",
                        type,
                        type,
                        content,
                        "biz_opaque_callback_data",
                        messageId),
                null);
    }

    /**
     * {@code POST /v1/channels/{id}/contacts} {@code {"blocking":"wait","contacts":[...]}}: answers
     * {@code {"contacts":[{"input","status":"valid"|"invalid","wa_id"}]}}.
     */
    public ProviderAnswer checkContacts(String providerChannelId, List<String> phones) {
        return post(
                gateway,
                "/v1/channels/" + encode(providerChannelId) + "/contacts",
                Map.of("blocking", "wait", "contacts", phones, "force_check", false),
                null);
    }

    private ProviderAnswer post(Endpoint endpoint, String path, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.base() + path))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + endpoint.token())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ProviderAnswer(
                    response.statusCode(),
                    parse(response.body()),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                    null);
        } catch (IOException e) {
            LOG.debugf(e, "No answer from the provider at %s", path);
            return ProviderAnswer.noAnswer(noAnswer(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderAnswer.noAnswer("interrupted");
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null; // not JSON: the status alone tells
        }
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is read as "soon"). */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /**
     * Why there was no answer, in words a tenant may read on its message (the exception's own text stays in the log).
     */
    static String noAnswer(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            return "the provider could not be reached";
        }
        return "the connection to the provider failed";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
