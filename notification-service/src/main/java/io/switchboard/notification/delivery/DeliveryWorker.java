package io.switchboard.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.notification.curator.Curator;
import io.switchboard.notification.curator.CuratorSettings;
import io.switchboard.notification.curator.Curators;
import io.switchboard.notification.curator.HostResolver;
import io.switchboard.notification.curator.WebhookTargets;
import io.switchboard.platform.problem.ProblemException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.platform.loop.WakeableLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries, webhooks over HTTP and emails over SMTP, and records each answer. No row is locked during a call: a delivery is leased and
 * committed, the call is made, and its answer is written in a new transaction (fenced by the lease). Every call is its
 * own, with a timeout, so a dead receiver delays only its own deliveries.
 *
 * <p>Answers: 2xx delivered; 410 Gone disables the curator's webhook and ends the delivery; 429 and 503 wait at least
 * their {@code Retry-After}; anything else (or no answer) is retried on the schedule, with jitter, until the last
 * attempt dead-letters it. A crash after a receiver accepted but before the answer was written sends it again after
 * the lease, with the same {@code webhook-id}, which receivers use to drop the repeat. An email is delivered when the
 * SMTP server has accepted it; a refusal or no answer is retried on the same schedule.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** One attempt, as read under the lease. */
    record Attempt(UUID id, Instant lease, int number, Delivery.Medium medium, String address, List<String> secrets,
            String payload) {
    }

    /** Carried on every email: the delivery's id, the same on every attempt, by which a repeat can be told. */
    public static final String NOTIFICATION_ID_HEADER = "X-Switchboard-Notification-Id";

    private final Deliveries deliveries;
    private final Curators curators;
    private final DeliverySettings settings;
    private final CuratorSettings curatorSettings;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry metrics;
    private final HostResolver resolver;
    private final WebhookCalls calls;
    private final ReactiveMailer mailer;
    private final ObjectMapper json;
    private final WakeableLoop loop;

    public DeliveryWorker(Deliveries deliveries, Curators curators, DeliverySettings settings,
            CuratorSettings curatorSettings, Clock clock, TransactionSynchronizationRegistry transactions,
            MeterRegistry metrics, ReactiveMailer mailer, ObjectMapper json, HostResolver resolver, WebhookCalls calls) {
        this.resolver = resolver;
        this.calls = calls;
        this.mailer = mailer;
        this.json = json;
        this.deliveries = deliveries;
        this.curators = curators;
        this.settings = settings;
        this.curatorSettings = curatorSettings;
        this.clock = clock;
        this.transactions = transactions;
        this.metrics = metrics;
        // Every outcome from 0, so that an alert on the increase of "dead" sees the first one.
        for (String outcome : java.util.List.of("delivered", "retried", "dead")) {
            metrics.counter("switchboard_notification_deliveries_total", "outcome", outcome);
        }
        this.loop = new WakeableLoop("notification-deliveries", settings.pollInterval(), this::pass);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** Looks again as soon as the current transaction commits (a new delivery goes out at once). */
    void wakeAfterCommit() {
        loop.wakeAfterCommit(transactions);
    }

    void pass() {
        Instant now = clock.instant();
        // the lease as the database keeps it (microseconds), so that the answer's fence compares equal
        List<Attempt> attempts = QuarkusTransaction.requiringNew().call(() -> deliveries
                .claimDue(now, now.plus(settings.timeout()).plus(LEASE_MARGIN).truncatedTo(ChronoUnit.MICROS),
                        settings.batch()).stream()
                .map(this::attempt).toList());
        attempts.forEach(this::send);
    }

    private Attempt attempt(Delivery delivery) {
        Curator curator = curators.findById(delivery.curatorId);
        if (delivery.medium == Delivery.Medium.EMAIL) {
            return new Attempt(delivery.id, delivery.leaseUntil, delivery.attempts + 1, delivery.medium,
                    curator == null ? null : curator.email, List.of(), delivery.payload);
        }
        boolean usable = curator != null && curator.hasWorkingWebhook();
        List<String> secrets = !usable ? List.of()
                : curator.previousWebhookSecret != null && curator.previousSecretUntil.isAfter(clock.instant())
                        ? List.of(curator.webhookSecret, curator.previousWebhookSecret)
                        : List.of(curator.webhookSecret);
        return new Attempt(delivery.id, delivery.leaseUntil, delivery.attempts + 1, delivery.medium,
                usable ? curator.webhookUrl : null, secrets, delivery.payload);
    }

    private void send(Attempt attempt) {
        if (attempt.address() == null) {
            finish(attempt, Delivery.State.DEAD, null, attempt.medium() == Delivery.Medium.EMAIL
                    ? "the curator has no email address any more" : "the curator has no webhook any more");
            return;
        }
        if (attempt.medium() == Delivery.Medium.EMAIL) {
            email(attempt);
            return;
        }
        webhook(attempt);
    }

    /**
     * The receiver's host is resolved off this thread (bounded by the resolver's time-out), every address it resolved
     * to is checked, and the call goes to the first of them; the answer is written on a worker thread.
     */
    private void webhook(Attempt attempt) {
        WebhookTargets.Target target;
        try {
            target = WebhookTargets.parse(attempt.address(), curatorSettings.allowLocalWebhooks());
        } catch (ProblemException e) {
            record(attempt, 0, null, "refused: the webhook URL " + e.problem().detail());
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "webhook-id", attempt.id().toString(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.header(attempt.secrets(), attempt.id().toString(), timestamp,
                        attempt.payload()));
        resolver.resolve(target.host()).thenCompose(addresses -> {
            Optional<String> refused = curatorSettings.allowLocalWebhooks() ? Optional.empty()
                    : WebhookTargets.refusal(target.host(), addresses);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(new Outcome(0, null, "refused: " + target.host() + " "
                        + refused.get()));
            }
            return calls.post(target, addresses.get(0), headers, attempt.payload())
                    .thenApply(answer -> new Outcome(answer.status(), answer.retryAfter(), null));
        }).whenCompleteAsync((outcome, error) -> {
            try {
                if (error != null) {
                    LOG.debugf(error, "Delivery %s attempt %d: no answer", attempt.id(), attempt.number());
                    record(attempt, 0, null, "no answer: " + noAnswer(target.host(), error));
                } else {
                    record(attempt, outcome.status(), outcome.retryAfter() == null ? null
                            : retryAfter(outcome.retryAfter(), clock.instant()), outcome.refused());
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not record the answer to delivery %s; it is tried again after its lease",
                        attempt.id());
            }
        }, Infrastructure.getDefaultWorkerPool());
    }

    /** An attempt's result: the receiver's status and Retry-After, or why it was not called. */
    private record Outcome(int status, String retryAfter, String refused) {
    }

    /** Why there was no answer, in words a curator may read (the exception's own text is not shown). */
    private static String noAnswer(String host, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
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

    /** The answer is written on a worker thread: the mailer answers on the event loop, which must not block. */
    private void email(Attempt attempt) {
        JsonNode mail;
        try {
            mail = json.readTree(attempt.payload());
        } catch (IOException e) {
            finish(attempt, Delivery.State.DEAD, null, "the email cannot be read: " + e.getMessage());
            return;
        }
        Mail message = Mail.withText(attempt.address(), mail.path("subject").asText(), mail.path("text").asText())
                .addHeader(NOTIFICATION_ID_HEADER, attempt.id().toString());
        mailer.send(message).ifNoItem().after(settings.timeout()).fail()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(sent -> answered(attempt, () -> finish(attempt, Delivery.State.DELIVERED, null, null)),
                        error -> answered(attempt, () -> record(attempt, 0, null, "SMTP: " + error)));
    }

    private void answered(Attempt attempt, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the answer to delivery %s; it is tried again after its lease", attempt.id());
        }
    }

    private void record(Attempt attempt, int status, Duration retryAfter, String error) {
        if (status >= 200 && status < 300) {
            finish(attempt, Delivery.State.DELIVERED, status, null);
            return;
        }
        if (status == 410) {
            finish(attempt, Delivery.State.DEAD, status, "the receiver answered 410 Gone: its webhook is disabled");
            return;
        }
        String failure = error != null ? error : "HTTP " + status;
        List<Duration> schedule = settings.schedule();
        if (attempt.number() >= schedule.size()) {
            finish(attempt, Delivery.State.DEAD, status == 0 ? null : status,
                    failure + " (attempt " + attempt.number() + ", the last)");
            return;
        }
        Duration wait = jittered(schedule.get(attempt.number()));
        if ((status == 429 || status == 503) && retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Duration next = wait;
        QuarkusTransaction.requiringNew().run(() -> leased(attempt).ifPresent(delivery -> {
            delivery.attempts = attempt.number();
            delivery.lastStatus = status == 0 ? null : status;
            delivery.lastError = cut(failure);
            delivery.leaseUntil = null;
            delivery.nextAttemptAt = clock.instant().plus(next);
        }));
        metrics.counter("switchboard_notification_deliveries_total", "outcome", "retried").increment();
        LOG.debugf("Delivery %s attempt %d failed (%s); next in %s", attempt.id(), attempt.number(), failure, next);
    }

    private void finish(Attempt attempt, Delivery.State state, Integer status, String error) {
        QuarkusTransaction.requiringNew().run(() -> leased(attempt).ifPresent(delivery -> {
            Instant now = clock.instant();
            delivery.attempts = attempt.number();
            delivery.lastStatus = status;
            delivery.lastError = cut(error);
            delivery.leaseUntil = null;
            delivery.state = state;
            delivery.finishedAt = now;
            if (status != null && status == 410) {
                Curator curator = curators.findById(delivery.curatorId, LockModeType.PESSIMISTIC_WRITE);
                if (curator != null && curator.webhookDisabledAt == null) {
                    curator.webhookDisabledAt = now;
                    curator.webhookDisabledReason = "410 Gone from " + curator.webhookUrl;
                }
            }
        }));
        metrics.counter("switchboard_notification_deliveries_total", "outcome",
                state == Delivery.State.DELIVERED ? "delivered" : "dead").increment();
        if (state == Delivery.State.DEAD) {
            LOG.warnf("Delivery %s dead-lettered: %s", attempt.id(), error);
        }
    }

    /** The delivery, if this attempt still holds its lease (a stale answer changes nothing). */
    private Optional<Delivery> leased(Attempt attempt) {
        Delivery delivery = deliveries.findById(attempt.id(), LockModeType.PESSIMISTIC_WRITE);
        return delivery != null && delivery.state == Delivery.State.PENDING && delivery.leaseUntil != null
                && delivery.leaseUntil.equals(attempt.lease()) ? Optional.of(delivery) : Optional.empty();
    }

    private Duration jittered(Duration wait) {
        double spread = settings.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(wait.toMillis() * (1 + spread))));
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
                return Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
