package io.switchboard.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * {@code /console/api/<service>/v1/...}: the browser's calls passed to a service's public REST API, with the user's own token,
 * so that the pages need one origin and no service needs to be reachable from the browser. Nothing is added: the
 * service decides what the token may see and do, and its answer (problem+json included) comes back as it was given.
 */
@ApplicationScoped
class ApiPassage {

    private static final Logger LOG = Logger.getLogger(ApiPassage.class);
    private static final List<String> REQUEST_HEADERS =
            List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Location", "Retry-After");
    private static final String PREFIX = "/console/api/";

    private final Map<String, URI> services;
    private final ConsoleSettings settings;
    private final HttpClient client;

    ApiPassage(Vertx vertx, ConsoleSettings settings) {
        this.settings = settings;
        this.services = Map.of(
                "channel", settings.services().channel(),
                "queue", settings.services().queue(),
                "notification", settings.services().notification(),
                "billing", settings.services().billing());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setMaxPoolSize(32)
                .setKeepAlive(true));
    }

    void routes(@Observes Router router) {
        router.route(PREFIX + "*").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
        router.route(PREFIX + "*").handler(this::pass);
    }

    private void pass(RoutingContext context) {
        String rest = context.normalizedPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String service = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        URI base = services.get(service);
        if (base == null) {
            problem(
                    context,
                    404,
                    "unknown-service",
                    "No such service",
                    "The console reaches the services "
                            + String.join(
                                    ", ", services.keySet().stream().sorted().toList())
                            + ": /console/api/<service>/v1/...");
            return;
        }
        if (!path.startsWith("/v1/")) {
            problem(context, 404, "not-an-api", "Not an API path", "Only the services' /v1/ APIs are reached here");
            return;
        }
        String query = context.request().query();
        RequestOptions options = new RequestOptions()
                .setMethod(context.request().method())
                .setAbsoluteURI(base.toString().replaceFirst("/$", "") + path + (query == null ? "" : "?" + query))
                .setTimeout(settings.timeout().toMillis());
        for (String header : REQUEST_HEADERS) {
            String value = context.request().getHeader(header);
            if (value != null) {
                options.putHeader(header, value);
            }
        }
        Buffer body = context.body().buffer();
        client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(answer -> new Answer(response, answer)))
                .onSuccess(answer -> answer(context, answer))
                .onFailure(failure -> failed(context, service, failure));
    }

    private record Answer(HttpClientResponse response, Buffer body) {}

    private static void answer(RoutingContext context, Answer answer) {
        var response = context.response().setStatusCode(answer.response().statusCode());
        for (String header : RESPONSE_HEADERS) {
            String value = answer.response().getHeader(header);
            if (value != null) {
                response.putHeader(header, value);
            }
        }
        response.putHeader("Cache-Control", "no-store").end(answer.body());
    }

    private static void failed(RoutingContext context, String service, Throwable failure) {
        boolean timedOut = failure instanceof TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout");
        LOG.warnf("The %s service could not be reached: %s", service, failure.toString());
        problem(
                context,
                timedOut ? 504 : 502,
                timedOut ? "service-timeout" : "service-unreachable",
                timedOut ? "The service did not answer in time" : "The service cannot be reached",
                "The " + service + " service " + (timedOut ? "did not answer in time" : "cannot be reached")
                        + (timedOut
                                ? "; the change may or may not have been made: look before trying again"
                                : "; nothing was changed, try again in a moment"));
    }

    private static void problem(RoutingContext context, int status, String type, String title, String detail) {
        if (context.response().ended()) {
            return;
        }
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject()
                        .put("type", "https://switchboard.io/problems/" + type)
                        .put("title", title)
                        .put("status", status)
                        .put("detail", detail)
                        .encode());
    }
}
