package io.switchboard.queue.dispatch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.OutboundMessage;
import io.switchboard.queue.message.OutboundMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Hands queued messages to the provider, one channel's messages strictly in acceptance order: only the oldest
 * pending message of a channel is eligible, and it is claimed with a row lock, so any number of replicas can run.
 * A 401 "need channel authorization" (a reconnect flap) sends the message back to FROZEN; it goes again later with
 * the same idempotency key, so the client receives it once.
 */
@ApplicationScoped
public class Dispatcher {


    private final EntityManager entityManager;
    private final OutboundMessages messages;
    private final MessageTransitions transitions;
    private final ProviderMessagesApi provider;
    private final DispatchSettings settings;
    private final TransactionSynchronizationRegistry transactions;
    private final WakeableLoop loop;

    public Dispatcher(EntityManager entityManager, OutboundMessages messages, MessageTransitions transitions,
            @RestClient ProviderMessagesApi provider, DispatchSettings settings,
            TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.messages = messages;
        this.transitions = transitions;
        this.provider = provider;
        this.settings = settings;
        this.transactions = transactions;
        this.loop = new WakeableLoop("message-dispatcher", settings.pollInterval(), this::dispatchAll);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** Wakes the dispatcher once the current transaction has committed the messages it queued. */
    public void wakeAfterCommit() {
        loop.wakeAfterCommit(transactions);
    }

    private void dispatchAll() {
        requeueFrozenOfSendingChannels();
        while (loop.running() && dispatchNext()) {
            // more may be waiting
        }
    }

    /** Sends the oldest eligible message; false when there is none. */
    boolean dispatchNext() {
        Optional<Claim> claim = QuarkusTransaction.requiringNew().call(this::claim);
        claim.ifPresent(this::send);
        return claim.isPresent();
    }

    private Optional<Claim> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT m.id, c.provider_channel_id FROM outbound_message m
                JOIN channel_view c ON c.channel_id = m.channel_id
                WHERE c.send_policy = 'SEND' AND c.provider_channel_id IS NOT NULL
                  AND (m.state = 'QUEUED' OR (m.state = 'DISPATCHING' AND m.updated_at < :abandoned))
                  AND m.seq = (SELECT min(p.seq) FROM outbound_message p
                               WHERE p.channel_id = m.channel_id AND p.state IN ('QUEUED', 'FROZEN', 'DISPATCHING'))
                ORDER BY m.seq LIMIT 1
                FOR UPDATE OF m SKIP LOCKED""")
                .setParameter("abandoned", Instant.now().minus(settings.abandonedAfter()))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        OutboundMessage message = messages.findById((String) rows.get(0)[0]);
        message.attempts++;
        transitions.move(message, MessageState.DISPATCHING, null);
        return Optional.of(new Claim(message.id, (String) rows.get(0)[1], message.chatId, message.text, message.attempts));
    }

    private void send(Claim claim) {
        try {
            ProviderMessagesApi.SendResult result = provider.sendText(claim.providerChannelId(), claim.messageId(),
                    new ProviderMessagesApi.SendText(claim.chatId(), claim.text()));
            String providerId = result == null || result.message() == null ? null : result.message().id();
            finish(claim, MessageState.SENT, null, message -> message.providerMessageId = providerId);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401) {
                finish(claim, MessageState.FROZEN, "provider asked for channel authorization (reconnecting)", m -> {
                });
            } else if (status >= 500) {
                retryOrFail(claim, "provider error HTTP " + status);
            } else {
                finish(claim, MessageState.FAILED, "provider refused the message (HTTP " + status + ")",
                        message -> message.errorCode = "HTTP_" + status);
            }
        } catch (ProcessingException e) {
            retryOrFail(claim, "provider unreachable: " + e.getMessage());
        }
    }

    private void retryOrFail(Claim claim, String reason) {
        if (claim.attempts() >= settings.maxAttempts()) {
            finish(claim, MessageState.FAILED, reason + " after " + claim.attempts() + " attempts",
                    message -> message.errorCode = "PROVIDER_UNAVAILABLE");
        } else {
            finish(claim, MessageState.QUEUED, reason + "; will retry", m -> {
            });
            sleep(settings.pollInterval().toMillis() * claim.attempts());
        }
    }

    private void finish(Claim claim, MessageState state, String reason, java.util.function.Consumer<OutboundMessage> update) {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboundMessage message = messages.findById(claim.messageId());
            update.accept(message);
            transitions.move(message, state, reason);
        });
    }

    /** A message frozen by a flap goes back in the queue once its channel can send (it may see no new status). */
    private void requeueFrozenOfSendingChannels() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<String> ids = entityManager.createNativeQuery("""
                    SELECT m.id FROM outbound_message m JOIN channel_view c ON c.channel_id = m.channel_id
                    WHERE m.state = 'FROZEN' AND c.send_policy = 'SEND' AND m.updated_at < :settled
                    ORDER BY m.seq FOR UPDATE OF m SKIP LOCKED""")
                    .setParameter("settled", Instant.now().minus(settings.pollInterval().multipliedBy(3)))
                    .getResultList();
            ids.forEach(id -> transitions.move(messages.findById(id), MessageState.QUEUED, "channel can send again"));
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Claim(String messageId, String providerChannelId, String chatId, String text, int attempts) {
    }
}
