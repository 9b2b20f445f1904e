package io.switchboard.queue.receipt;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import io.switchboard.queue.message.TemplateStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads the receipts (MESSAGE_STATUS) of {@code provider.events.v1}, as channel-service normalised them from the
 * provider's {@code statuses} webhooks, the chats clients wrote in (MESSAGE_RECEIVED) and Meta's template statuses
 * (TEMPLATE_STATUS). Idempotent by itself (a message only moves forward; a chat is known once; a template's newest
 * status wins), so no dedupe log.
 */
@ApplicationScoped
class ReceiptConsumer implements EventConsumer<ProviderEvent> {

    private static final Subscription<ProviderEvent> SUBSCRIPTION =
            Subscription.of("receipts", Streams.PROVIDER_EVENTS).versioned();

    private final Receipts receipts;
    private final ClientChats clientChats;
    private final TemplateStatuses templates;

    public ReceiptConsumer(Receipts receipts, ClientChats clientChats, TemplateStatuses templates) {
        this.templates = templates;
        this.receipts = receipts;
        this.clientChats = clientChats;
    }

    @Override
    public Subscription<ProviderEvent> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void applyAll(List<Received<ProviderEvent>> events) {
        receipts.apply(events.stream()
                .map(Received::payload)
                .filter(event -> event.type() == ProviderEventType.MESSAGE_STATUS && event.receipts() != null)
                .flatMap(event -> event.receipts().stream()
                        .map(receipt -> new Receipts.Receipt(
                                event.channelId(),
                                receipt.providerMessageId(),
                                receipt.status(),
                                receipt.errorCode(),
                                receipt.errorText())))
                .toList());
        clientChats.wroteIn(events.stream()
                .map(Received::payload)
                .filter(event -> event.type() == ProviderEventType.MESSAGE_RECEIVED && event.inbound() != null)
                .toList());
        templates.apply(events.stream().map(Received::payload).toList());
    }
}
