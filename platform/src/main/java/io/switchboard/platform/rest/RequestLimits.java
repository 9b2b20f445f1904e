package io.switchboard.platform.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.switchboard.platform.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Limits every request meets before it reaches a resource, each answered with a problem document: a URL longer than
 * {@code max-uri-length} (414), headers larger than {@code max-header-bytes} (431), a declared body larger than
 * {@code max-body-bytes} (413), and a path or query that does not decode or holds a control character such as
 * {@code %00} (400), which no id or filter has and PostgreSQL refuses.
 *
 * <p>The HTTP server's own limits ({@code quarkus.http.limits.*}) sit above these: a request beyond them is cut off by
 * the server with a bare status, before any of this runs.
 */
@ApplicationScoped
public class RequestLimits {

    private final RequestLimitSettings settings;

    public RequestLimits(RequestLimitSettings settings) {
        this.settings = settings;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 20_000); // before security and the resources
    }

    void check(RoutingContext context) {
        Problem refused = refusal(context);
        if (refused == null) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(refused.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(refused.body()));
    }

    private Problem refusal(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > settings.maxUriLength()) {
            return Problem.of(
                    414,
                    "uri-too-long",
                    "URI too long",
                    "The request's URL is longer than " + settings.maxUriLength() + " characters");
        }
        if (headerBytes(context.request().headers()) > settings.maxHeaderBytes()) {
            return Problem.of(
                    431,
                    "headers-too-large",
                    "Request header fields too large",
                    "The request's headers are larger than " + settings.maxHeaderBytes() + " bytes");
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && declaredLength(length) > settings.maxBodyBytes()) {
            return Problem.of(
                    413,
                    "body-too-large",
                    "Request body too large",
                    "The request's body is larger than " + settings.maxBodyBytes() + " bytes");
        }
        String path = context.request().path();
        String query = context.request().query();
        if (!decodesToText(path == null ? "" : path) || query != null && !decodesToText(query)) {
            return Problem.of(
                    400,
                    "invalid-url",
                    "Invalid URL",
                    "The URL's path or query does not decode, or holds a control character");
        }
        return null;
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a length: refused as too large rather than trusted
        }
    }

    /** True when the percent-encoded text decodes (as UTF-8) to text without control characters. */
    static boolean decodesToText(String encoded) {
        String decoded;
        try {
            decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i)) || decoded.charAt(i) == '\uFFFD') {
                return false;
            }
        }
        return true;
    }
}
