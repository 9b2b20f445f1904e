package io.switchboard.notification.delivery;

import io.switchboard.notification.curator.CuratorSettings;
import io.switchboard.notification.curator.HostResolver;
import io.switchboard.notification.curator.WebhookTargets;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Sends a webhook attempt, signed as Standard Webhooks: the receiver's host is resolved off the caller's thread
 * (bounded by the resolver's time-out), every address it resolved to is checked, and the call goes to the first of
 * them. Never fails: no answer is an {@link Answer} too, in words a curator may read.
 */
@ApplicationScoped
class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final WebhookCalls calls;
    private final HostResolver resolver;
    private final CuratorSettings curatorSettings;
    private final Clock clock;

    WebhookSender(WebhookCalls calls, HostResolver resolver, CuratorSettings curatorSettings, Clock clock) {
        this.calls = calls;
        this.resolver = resolver;
        this.curatorSettings = curatorSettings;
        this.clock = clock;
    }

    CompletionStage<Answer> send(Attempt attempt) {
        WebhookTargets.Target target;
        try {
            target = WebhookTargets.parse(attempt.address(), curatorSettings.allowLocalWebhooks());
        } catch (ProblemException e) {
            return CompletableFuture.completedFuture(
                    Answer.failed("refused: the webhook URL " + e.problem().detail()));
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "webhook-id",
                attempt.id().toString(),
                "webhook-timestamp",
                Long.toString(timestamp),
                "webhook-signature",
                WebhookSignature.header(attempt.secrets(), attempt.id().toString(), timestamp, attempt.payload()));
        return resolver.resolve(target.host())
                .thenCompose(addresses -> {
                    Optional<String> refused = curatorSettings.allowLocalWebhooks()
                            ? Optional.empty()
                            : WebhookTargets.refusal(target.host(), addresses);
                    if (refused.isPresent()) {
                        return CompletableFuture.completedFuture(
                                Answer.failed("refused: " + target.host() + " " + refused.get()));
                    }
                    return calls.post(target, addresses.get(0), headers, attempt.payload())
                            .thenApply(answer ->
                                    Answer.http(answer.status(), retryAfter(answer.retryAfter(), clock.instant())));
                })
                .exceptionally(error -> {
                    LOG.debugf(error, "Delivery %s attempt %d: no answer", attempt.id(), attempt.number());
                    return Answer.failed("no answer: " + noAnswer(target.host(), error));
                });
    }

    /** Why there was no answer, in words a curator may read (the exception's own text is not shown). */
    private static String noAnswer(String host, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof UnknownHostException) {
            return host + " does not resolve";
        }
        if (cause instanceof WebhookCalls.NoAnswerInTime) {
            return host + " did not answer in time";
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return host + " was not resolved in time";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake with " + host + " failed (its certificate is not trusted for this name?)";
        }
        if (cause instanceof java.net.ConnectException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return host + " did not accept the connection";
        }
        return "the connection to " + host + " failed or timed out";
    }

    /** A {@code Retry-After} value (seconds, or an HTTP date) as a wait from {@code now}; null when unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                return Duration.between(
                        now,
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
