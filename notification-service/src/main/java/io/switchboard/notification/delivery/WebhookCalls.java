package io.switchboard.notification.delivery;

import io.switchboard.notification.curator.WebhookTargets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts a webhook to the address its host was resolved to and checked at (never resolved again on connecting, so a
 * name that changes its answer in between reaches nothing it was not allowed to), with the host's name as the
 * {@code Host} header, the TLS server name and the name the certificate must carry.
 */
@ApplicationScoped
class WebhookCalls {

    /** What the receiver answered: its status and its {@code Retry-After}, if any. */
    record Answer(int status, String retryAfter) {}

    private final HttpClient client;
    private final Duration timeout;

    WebhookCalls(Vertx vertx, DeliverySettings settings) {
        this.timeout = settings.timeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setVerifyHost(true)
                .setTrustAll(false)
                .setMaxPoolSize(4));
    }

    CompletionStage<Answer> post(
            WebhookTargets.Target target, InetAddress address, Map<String, String> headers, String body) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(request::putHeader);
        // The answer is its status: the body is not waited for (Vert.x drains it), so a receiver that answers a byte
        // at a time holds nothing, and no handler is set after the response may already have ended. The whole call
        // (connecting, sending, the status line) within the delivery's time-out, so it does not outlive its lease.
        return client.request(request)
                .compose(call -> call.send(Buffer.buffer(body)))
                .map(response -> new Answer(response.statusCode(), response.getHeader("Retry-After")))
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        error instanceof TimeoutException ? new NoAnswerInTime(timeout) : error));
    }

    /** The receiver did not answer within the delivery's time-out (told apart from a host not resolved in time). */
    static final class NoAnswerInTime extends RuntimeException {
        NoAnswerInTime(Duration timeout) {
            super("no answer within " + timeout.toMillis() + " ms", null, false, false);
        }
    }
}
