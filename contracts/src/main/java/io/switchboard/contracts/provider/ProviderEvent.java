package io.switchboard.contracts.provider;

import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.NumberQuality;
import java.time.Instant;
import java.util.List;

/**
 * {@code provider.events.v1}: a provider webhook, authenticated and normalised, written before the webhook is
 * answered. Exactly one of the typed parts matches {@code type}; the others are null. {@code raw} keeps the body
 * as received.
 *
 * @param eventId unique per accepted webhook (the CloudEvents id): a record Kafka delivers again has the same one
 * @param deliveryKey the same for every delivery of one webhook (a hash of channel and body): a provider retrying a
 *        webhook within minutes sends the same key, and the event is applied once; the same body much later is a new
 *        event. Null in records written before it existed (then the event id is the key).
 * @param providerEventName the provider's own name, e.g. {@code channels.post}
 * @param receipts for MESSAGE_STATUS ({@code statuses.post}): one per outbound message the webhook reports on; else
 * null
 * @param inbound for MESSAGE_RECEIVED ({@code messages.post}): one per message a client wrote (not the business's own
 *        messages the provider echoes); else null. Who wrote in which chat, not what ({@code raw} keeps the body)
 * @param calls for CALL ({@code calls.post}): one per call a client made to the channel; else null
 * @param standing for NUMBER_QUALITY and BUSINESS_ACCOUNT (Meta's webhooks of a Cloud API number): what Meta changed
 *        of the number's standing; else null
 * @param template for TEMPLATE_STATUS: a template of the number's business account and its new status; else null
 */
public record ProviderEvent(
        String eventId,
        String deliveryKey,
        String channelId,
        String accountId,
        String providerChannelId,
        ProviderEventType type,
        String providerEventName,
        Instant receivedAt,
        Health health,
        Qr qr,
        WhatsAppUser user,
        String raw,
        List<Receipt> receipts,
        List<InboundMessage> inbound,
        List<Call> calls,
        Standing standing,
        TemplateStatus template) {

    /** Whapi {@code health}: status code and text, session start and uptime in seconds. */
    public record Health(int code, String text, long startAt, long uptime) {}

    /** Whapi {@code channels.patch} QR object: base64 PNG and its expiry. */
    public record Qr(String imageBase64, Instant expiresAt) {}

    /** Whapi {@code users.post}/{@code users.delete} user. */
    public record WhatsAppUser(String id, String name) {}

    /**
     * One Whapi {@code statuses} entry: what became of an outbound message.
     *
     * @param providerMessageId the provider's id of the message (the id its send answered with)
     * @param recipientId the recipient's WhatsApp id, e.g. {@code 61412345678}; null when not given
     * @param occurredAt when it happened at the provider; null when not given
     * @param errorCode the provider's error code of a FAILED receipt, else null
     * @param errorText the provider's description of that error, else null
     */
    public record Receipt(
            String providerMessageId,
            ReceiptStatus status,
            String recipientId,
            Instant occurredAt,
            String errorCode,
            String errorText) {}

    /**
     * One Whapi {@code messages} entry a client wrote: the chat is one the client began, or goes on with.
     *
     * @param providerMessageId the provider's id of the message
     * @param chatId the chat as the provider names it, e.g. {@code 61412345678@s.whatsapp.net}
     * @param from the writer's number in E.164, e.g. {@code +61412345678}
     * @param messageType the provider's message type, e.g. {@code text}, {@code image}
     * @param sentAt when the client sent it; null when not given
     */
    public record InboundMessage(
            String providerMessageId, String chatId, String from, String messageType, Instant sentAt) {}

    /**
     * One Whapi {@code calls} entry: a client called the channel. Calls cannot be answered, so each is a missed call.
     *
     * @param callId the provider's id of the call; every webhook about one call (offer, timeout, ...) has it
     * @param chatId the caller's chat as the provider names it, e.g. {@code 61412345678@s.whatsapp.net}
     * @param from the caller's number in E.164, e.g. {@code +61412345678}
     * @param video a video call, else a voice call
     * @param at when the call came; null when not given
     */
    public record Call(String callId, String chatId, String from, boolean video, Instant at) {}

    /**
     * Meta's {@code phone_number_quality_update} or {@code account_update} about a Cloud API number, normalised. A
     * null part is one the webhook did not tell.
     *
     * @param event Meta's event name, e.g. {@code FLAGGED}, {@code DOWNGRADE}, {@code ACCOUNT_RESTRICTION}
     * @param quality the new quality rating (FLAGGED is RED, UNFLAGGED is GREEN)
     * @param messagingLimit the new messaging limit
     * @param restricted for ACCOUNT_RESTRICTION: what is restricted now; null when the restriction was lifted
     * @param restrictedUntil for ACCOUNT_RESTRICTION: when it ends
     * @param banState for DISABLED_UPDATE: the business account's ban state
     * @param violation for ACCOUNT_VIOLATION: the kind of violation, e.g. {@code SCAM}
     */
    public record Standing(
            String event,
            NumberQuality quality,
            MessagingLimit messagingLimit,
            MessagingRestriction restricted,
            Instant restrictedUntil,
            BanState banState,
            String violation) {}

    /**
     * Meta's {@code message_template_status_update}: a message template of the business account and its new status.
     *
     * @param name e.g. {@code order_update}
     * @param language e.g. {@code en_US}
     * @param status Meta's event, e.g. {@code APPROVED}, {@code PAUSED}, {@code DISABLED}
     * @param sendable Meta sends messages of the template in this status
     * @param reason Meta's reason, when given
     */
    public record TemplateStatus(String name, String language, String status, boolean sendable, String reason) {

        /** The statuses in which Meta sends a template's messages; in any other it refuses them. */
        public static boolean sendable(String status) {
            return switch (status) {
                case "APPROVED", "FLAGGED", "REINSTATED" -> true;
                default -> false;
            };
        }
    }
}
