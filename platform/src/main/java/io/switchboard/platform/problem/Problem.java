package io.switchboard.platform.problem;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). Extension members carry what a client needs
 * to act, e.g. the channel status and the required action of a refused message.
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://switchboard.io/problems/";
    private static final String RETRY_AFTER = "retryAfterSeconds";

    /** A problem whose type URI ends in {@code slug}. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, Map.of());
    }

    /** 400 {@code invalid-request} for one field, in the shape bean validation answers with. */
    public static Problem invalidField(String field, String message) {
        return of(400, "invalid-request", "Invalid request", field + ": " + message)
                .with("violations", java.util.List.of(Map.of("field", field, "message", message)));
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, Map.copyOf(more));
    }

    /** The JSON body: standard members first, then the extensions. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return body;
    }

    /** The response; a {@code retryAfterSeconds} extension is also sent as the {@code Retry-After} header. */
    public Response toResponse() {
        Response.ResponseBuilder response =
                Response.status(status).type(MEDIA_TYPE).entity(body());
        if (extensions.get(RETRY_AFTER) instanceof Number seconds) {
            response.header("Retry-After", seconds.longValue());
        }
        return response.build();
    }

    /** A problem the client may retry after {@code seconds} (429, 503). */
    public Problem retryAfter(long seconds) {
        return with(RETRY_AFTER, Math.max(1, seconds));
    }
}
