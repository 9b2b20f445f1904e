package io.switchboard.notification.chat;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.notification.account.AccountWatches;
import io.switchboard.platform.events.PerEventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A client's call cannot be answered, so every call is missed: "There was an attempt to call ..." in the caller's chat
 * at once, with the caller's number and the time in the account's time zone (docs/product/system-messages.md). One per
 * call, however many webhooks the provider sends about it (offer, timeout, reject).
 */
@ApplicationScoped
class MissedCalls implements PerEventConsumer<ProviderEvent> {

    private static final Subscription<ProviderEvent> SUBSCRIPTION =
            Subscription.of("provider-events", Streams.PROVIDER_EVENTS);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final SystemMessages messages;
    private final SystemMessagesByAccount accounts;
    private final AccountWatches zones;

    public MissedCalls(SystemMessages messages, SystemMessagesByAccount accounts, AccountWatches zones) {
        this.messages = messages;
        this.accounts = accounts;
        this.zones = zones;
    }

    @Override
    public Subscription<ProviderEvent> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<ProviderEvent> received) {
        ProviderEvent event = received.payload();
        if (event.type() != ProviderEventType.CALL
                || event.calls() == null
                || event.accountId() == null
                || !accounts.of(event.accountId()).missedCalls) {
            return;
        }
        for (ProviderEvent.Call call : event.calls()) {
            Instant at = call.at() != null ? call.at() : event.receivedAt();
            SystemMessageKind kind =
                    call.video() ? SystemMessageKind.MISSED_VIDEO_CALL : SystemMessageKind.MISSED_VOICE_CALL;
            messages.write(
                    new SystemMessages.Chat(event.accountId(), event.channelId(), call.from()),
                    kind,
                    call.from(),
                    TIME.format(at.atZone(zones.of(event.accountId()))),
                    at,
                    event.channelId() + ":call:" + call.callId());
        }
    }
}
