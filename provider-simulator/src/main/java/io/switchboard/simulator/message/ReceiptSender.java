package io.switchboard.simulator.message;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.channel.DeliveryMode;
import io.switchboard.simulator.channel.SimulatedChannel;
import io.switchboard.simulator.webhook.WebhookDispatcher;
import io.switchboard.simulator.webhook.WhapiWebhookBodies;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * After a message reaches a recipient, posts its {@code statuses} webhooks to the channel's receiver, each at its
 * time: by default the server's "sent" after {@code simulator.receipts.sent-after}, "delivered" after
 * {@code delivered-after} (and "read" after {@code read-after}, if set); a scripted number may have them late, out of
 * order, twice, lost, "failed" or "unknown". A channel's {@link DeliveryMode} can take them away: all of them
 * (ZOMBIE), or all but the server's "sent" (RECIPIENTS_OFFLINE).
 */
@ApplicationScoped
public class ReceiptSender {

    /** What a recipient whose phone is off still causes: the provider's own acknowledgements. */
    private static final Set<String> SERVER_ACKS = Set.of("pending", "sent");

    private final SimulatorSettings.Receipts settings;
    /** Set through the control API; null: the settings. */
    private volatile Defaults defaults;

    private final Numbers numbers;
    private final WebhookDispatcher webhooks;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "receipts");
        thread.setDaemon(true);
        return thread;
    });

    public ReceiptSender(SimulatorSettings settings, Numbers numbers, WebhookDispatcher webhooks) {
        this.settings = settings.receipts();
        this.numbers = numbers;
        this.webhooks = webhooks;
    }

    /** Schedules the receipts of a message just delivered. */
    public void delivered(SimulatedChannel channel, String messageId, String to) {
        DeliveryMode mode = channel.delivery();
        if (mode == DeliveryMode.ZOMBIE) {
            return;
        }
        for (NumberScript.ScriptedReceipt receipt : receiptsFor(to)) {
            if (mode == DeliveryMode.RECIPIENTS_OFFLINE
                    && !SERVER_ACKS.contains(receipt.status().toLowerCase(Locale.ROOT))) {
                continue;
            }
            timer.schedule(
                    () -> webhooks.enqueue(
                            channel.id(),
                            channel.webhook(),
                            WhapiWebhookBodies.StatusesWebhook.of(
                                    channel.id(),
                                    new WhapiWebhookBodies.MessageStatus(
                                            messageId,
                                            code(receipt.status()),
                                            receipt.status().toLowerCase(Locale.ROOT),
                                            Numbers.digits(to),
                                            Long.toString(Instant.now().getEpochSecond())),
                                    Instant.now().getEpochSecond())),
                    receipt.afterMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Schedules receipts of a message a Cloud API number sent, each handed to {@code post} with its status ("sent",
     * "delivered", ...) when it is due: the recipient's script, or the defaults.
     */
    public void deliveredCloud(String to, java.util.function.Consumer<String> post) {
        for (NumberScript.ScriptedReceipt receipt : receiptsFor(to)) {
            timer.schedule(
                    () -> post.accept(receipt.status().toLowerCase(Locale.ROOT)),
                    receipt.afterMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private List<NumberScript.ScriptedReceipt> receiptsFor(String to) {
        NumberScript script = numbers.of(to).orElse(null);
        if (script != null && script.receipts() != null) {
            return script.receipts();
        }
        return current().receipts();
    }

    /**
     * The receipts a number nobody scripted gets: the server's "sent", "delivered" and "read" this long after the send
     * (null: never).
     */
    public record Defaults(Long sentAfterMillis, Long deliveredAfterMillis, Long readAfterMillis) {

        List<NumberScript.ScriptedReceipt> receipts() {
            List<NumberScript.ScriptedReceipt> receipts = new ArrayList<>();
            if (sentAfterMillis != null) {
                receipts.add(new NumberScript.ScriptedReceipt("sent", sentAfterMillis));
            }
            if (deliveredAfterMillis != null) {
                receipts.add(new NumberScript.ScriptedReceipt("delivered", deliveredAfterMillis));
            }
            if (readAfterMillis != null) {
                receipts.add(new NumberScript.ScriptedReceipt("read", readAfterMillis));
            }
            return receipts;
        }
    }

    public Defaults current() {
        Defaults set = defaults;
        if (set != null) {
            return set;
        }
        return settings.enabled()
                ? new Defaults(
                        settings.sentAfter().map(Duration::toMillis).orElse(null),
                        settings.deliveredAfter().map(Duration::toMillis).orElse(null),
                        settings.readAfter().map(Duration::toMillis).orElse(null))
                : new Defaults(null, null, null);
    }

    public void defaults(Defaults defaults) {
        this.defaults = defaults;
    }

    /** Whapi's status codes. */
    static int code(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "failed" -> 0;
            case "pending" -> 1;
            case "sent" -> 2;
            case "delivered" -> 3;
            case "read" -> 4;
            case "played" -> 5;
            default -> -1;
        };
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
