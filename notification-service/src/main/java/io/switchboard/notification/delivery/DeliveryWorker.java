package io.switchboard.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.notification.curator.Curator;
import io.switchboard.notification.curator.Curators;
import io.switchboard.platform.loop.WakeableLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries: webhooks through {@link WebhookSender}, emails through {@link EmailSender}; each answer is
 * judged and written by {@link DeliveryOutcomes}. No row is locked during a call: a delivery is leased and committed,
 * the call is made, and its answer is written in a new transaction on a worker thread (fenced by the lease). Every
 * call is its own, with a time-out, so a dead receiver delays only its own deliveries. A crash after a receiver
 * accepted but before the answer was written sends it again after the lease, with the same {@code webhook-id} (or
 * email notification id), by which receivers drop the repeat.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final Deliveries deliveries;
    private final Curators curators;
    private final DeliverySettings settings;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final WebhookSender webhooks;
    private final EmailSender emails;
    private final DeliveryOutcomes outcomes;
    private final WakeableLoop loop;

    DeliveryWorker(
            Deliveries deliveries,
            Curators curators,
            DeliverySettings settings,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            WebhookSender webhooks,
            EmailSender emails,
            DeliveryOutcomes outcomes) {
        this.deliveries = deliveries;
        this.curators = curators;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.webhooks = webhooks;
        this.emails = emails;
        this.outcomes = outcomes;
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
        List<Attempt> attempts = QuarkusTransaction.requiringNew()
                .call(() -> deliveries
                        .claimDue(
                                now,
                                now.plus(settings.timeout()).plus(LEASE_MARGIN).truncatedTo(ChronoUnit.MICROS),
                                settings.batch())
                        .stream()
                        .map(this::attempt)
                        .toList());
        attempts.forEach(this::send);
    }

    private Attempt attempt(Delivery delivery) {
        Curator curator = curators.findById(delivery.curatorId);
        if (delivery.medium == Delivery.Medium.EMAIL) {
            return new Attempt(
                    delivery.id,
                    delivery.leaseUntil,
                    delivery.attempts + 1,
                    delivery.medium,
                    curator == null ? null : curator.email,
                    List.of(),
                    delivery.payload);
        }
        boolean usable = curator != null && curator.hasWorkingWebhook();
        List<String> secrets = !usable
                ? List.of()
                : curator.previousWebhookSecret != null && curator.previousSecretUntil.isAfter(clock.instant())
                        ? List.of(curator.webhookSecret, curator.previousWebhookSecret)
                        : List.of(curator.webhookSecret);
        return new Attempt(
                delivery.id,
                delivery.leaseUntil,
                delivery.attempts + 1,
                delivery.medium,
                usable ? curator.webhookUrl : null,
                secrets,
                delivery.payload);
    }

    private void send(Attempt attempt) {
        CompletionStage<Answer> answer;
        if (attempt.address() == null) {
            answer = CompletableFuture.completedFuture(Answer.lasting(
                    attempt.medium() == Delivery.Medium.EMAIL
                            ? "the curator has no email address any more"
                            : "the curator has no webhook any more"));
        } else {
            answer = attempt.medium() == Delivery.Medium.EMAIL ? emails.send(attempt) : webhooks.send(attempt);
        }
        // Written on a worker: the answers come on the event loop, which must not block.
        answer.whenCompleteAsync(
                (result, error) -> {
                    try {
                        outcomes.record(attempt, error == null ? result : Answer.failed("no answer: " + error));
                    } catch (RuntimeException e) {
                        LOG.errorf(
                                e,
                                "Could not record the answer to delivery %s; it is tried again after its lease",
                                attempt.id());
                    }
                },
                Infrastructure.getDefaultWorkerPool());
    }
}
