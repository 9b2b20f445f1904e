package io.switchboard.contracts;

import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelCheckReason;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelState;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.NumberQuality;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.chat.ChatSystemMessage;
import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.contracts.provider.BanState;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.contracts.provider.ReceiptStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Payload records with realistic values, covering every constant of every status, state and type enum, and null
 * in every field that may be null.
 */
final class SamplePayloads {

    static final String CHANNEL_ID = "0b9e4c8e-2f71-4d5a-a6b3-91c7d2e4f580";
    static final String ACCOUNT_ID = "3f6c1a52-8d0e-4b7a-9c21-5e4f7a9b0c13";
    static final String PROVIDER_CHANNEL_ID = "MANTIS-M72HC";
    static final String PHONE = "+61371989950";
    static final String CHAT_ID = "61412345678@s.whatsapp.net";
    /** Nanosecond precision on purpose: it must survive the JSON round trip. */
    static final Instant AT = Instant.parse("2024-04-22T08:34:44.123456789Z");

    /** Statuses that are not a connection status: the provider never reports them. */
    private static final Set<ChannelStatus> NOT_CONNECTION =
            EnumSet.of(ChannelStatus.NOT_PAID, ChannelStatus.DISABLED, ChannelStatus.DELETED);

    private SamplePayloads() {}

    /** Every record sample, of every payload type. */
    static List<Record> all() {
        List<Record> all = new ArrayList<>();
        all.addAll(providerEvents());
        all.addAll(channelStatusChanges());
        all.addAll(channelStates());
        all.addAll(billingAccountChanges());
        all.addAll(messageStatusChanges());
        all.addAll(chatSystemMessages());
        all.addAll(channelCheckRequests());
        return all;
    }

    /** A status change into every status; the first one has no previous status, detail or provider id. */
    static List<ChannelStatusChanged> channelStatusChanges() {
        List<ChannelStatusChanged> changes = new ArrayList<>();
        ChannelStatus previous = null;
        long version = 1;
        for (ChannelStatus status : ChannelStatus.values()) {
            StatusCause cause = StatusCause.values()[(int) (version % StatusCause.values().length)];
            boolean first = previous == null;
            changes.add(new ChannelStatusChanged(
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    "Sales Sydney",
                    PHONE,
                    previous,
                    status,
                    status.defaultSendPolicy(),
                    status.requiredAction(),
                    cause,
                    first ? null : "moved to " + status,
                    first ? null : PROVIDER_CHANNEL_ID,
                    version,
                    AT.plusSeconds(version),
                    kind(version),
                    alert(version),
                    null));
            previous = status;
            version++;
        }
        // the alerts the loop did not reach, on an ACTIVE channel; a stalled one holds its new messages
        for (int index = (int) ((version - 1) / 2); index < ChannelAlert.values().length; index++) {
            ChannelAlert alert = ChannelAlert.values()[index];
            boolean stalled = alert == ChannelAlert.DELIVERY_STALLED;
            boolean cloud = alert.compareTo(ChannelAlert.QUALITY_CHANGED) >= 0;
            changes.add(new ChannelStatusChanged(
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    "Sales Sydney",
                    PHONE,
                    ChannelStatus.ACTIVE,
                    ChannelStatus.ACTIVE,
                    stalled ? SendPolicy.QUEUE : SendPolicy.SEND,
                    stalled ? RequiredAction.CHECK_DELIVERY : RequiredAction.NONE,
                    StatusCause.WATCHDOG,
                    alert + " found",
                    PROVIDER_CHANNEL_ID,
                    version,
                    AT.plusSeconds(version),
                    cloud ? ChannelKind.CLOUD_API : ChannelKind.WEB_SESSION,
                    alert,
                    cloud ? standing(index) : null));
            version++;
        }
        // a Cloud API number in every standing Meta can give it; restricted from answering clients, it holds messages
        for (int n = 0; n <= MessagingLimit.values().length; n++) {
            CloudStanding standing = standing(n);
            boolean holds =
                    standing.restriction() != null && standing.restriction() != MessagingRestriction.BUSINESS_INITIATED;
            changes.add(new ChannelStatusChanged(
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    "Support Sydney",
                    PHONE,
                    ChannelStatus.ACTIVE,
                    ChannelStatus.ACTIVE,
                    holds ? SendPolicy.QUEUE : SendPolicy.SEND,
                    holds ? RequiredAction.WAIT_FOR_RESTRICTION_END : RequiredAction.NONE,
                    StatusCause.PROVIDER_EVENT,
                    "Meta changed the number's standing",
                    "106540352242922",
                    version,
                    AT.plusSeconds(version),
                    ChannelKind.CLOUD_API,
                    null,
                    standing));
            version++;
        }
        return changes;
    }

    /**
     * The n-th standing: every quality, messaging limit and restriction in turn; the last one knows nothing yet.
     */
    private static CloudStanding standing(int n) {
        if (n >= MessagingLimit.values().length) {
            return CloudStanding.UNKNOWN;
        }
        MessagingRestriction restriction =
                n < MessagingRestriction.values().length ? MessagingRestriction.values()[n] : null;
        return new CloudStanding(
                NumberQuality.values()[n % NumberQuality.values().length],
                MessagingLimit.values()[n],
                restriction,
                restriction == null || n == 2 ? null : AT.plus(Duration.ofDays(n + 1)),
                n == 3 ? "Messaging is limited: the business has not verified its display name" : null);
    }

    /** The state of a channel in every effective status. */
    static List<ChannelState> channelStates() {
        List<ChannelState> states = new ArrayList<>();
        long version = 1;
        for (ChannelStatus status : ChannelStatus.values()) {
            ChannelStatus connection = NOT_CONNECTION.contains(status) ? ChannelStatus.ACTIVE : status;
            states.add(new ChannelState(
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    "Sales Sydney",
                    PHONE,
                    status != ChannelStatus.DISABLED,
                    connection,
                    status,
                    status.defaultSendPolicy(),
                    status.requiredAction(),
                    version == 1 ? null : PROVIDER_CHANNEL_ID,
                    version,
                    AT.plusSeconds(version),
                    kind(version),
                    kind(version) == ChannelKind.CLOUD_API ? standing((int) version) : null));
            version++;
        }
        // an ACTIVE channel whose delivery stalled holds its new messages
        states.add(new ChannelState(
                CHANNEL_ID,
                ACCOUNT_ID,
                "Sales Sydney",
                PHONE,
                true,
                ChannelStatus.ACTIVE,
                ChannelStatus.ACTIVE,
                SendPolicy.QUEUE,
                RequiredAction.CHECK_DELIVERY,
                PROVIDER_CHANNEL_ID,
                version,
                AT.plusSeconds(version),
                ChannelKind.WEB_SESSION,
                null));
        version++;
        // a Cloud API number Meta restricted from answering clients holds its new messages until the time given
        states.add(new ChannelState(
                CHANNEL_ID,
                ACCOUNT_ID,
                "Support Sydney",
                PHONE,
                true,
                ChannelStatus.ACTIVE,
                ChannelStatus.ACTIVE,
                SendPolicy.QUEUE,
                RequiredAction.WAIT_FOR_RESTRICTION_END,
                "106540352242922",
                version,
                AT.plusSeconds(version),
                ChannelKind.CLOUD_API,
                new CloudStanding(
                        NumberQuality.RED,
                        MessagingLimit.TIER_250,
                        MessagingRestriction.ALL,
                        AT.plus(Duration.ofDays(7)),
                        null)));
        return states;
    }

    /** Null (written before the kind was carried), then each kind in turn. */
    private static ChannelKind kind(long version) {
        return version == 1 ? null : ChannelKind.values()[(int) (version % ChannelKind.values().length)];
    }

    /** Every alert once, and plain changes (null) between them. */
    private static ChannelAlert alert(long version) {
        int index = (int) (version / 2) - 1;
        return version % 2 == 0 && index < ChannelAlert.values().length ? ChannelAlert.values()[index] : null;
    }

    /** One event of every type, with exactly the typed part its type calls for. */
    static List<ProviderEvent> providerEvents() {
        List<ProviderEvent> events = new ArrayList<>();
        int n = 0;
        for (ProviderEventType type : ProviderEventType.values()) {
            ProviderEvent.Health health =
                    type == ProviderEventType.HEALTH ? new ProviderEvent.Health(1, "INIT", 1713774883L, 1L) : null;
            ProviderEvent.Qr qr = type == ProviderEventType.QR
                    ? new ProviderEvent.Qr(
                            "iVBORw0KGgoAAAANSUhEUgAAAQAAAAEAAQMAAABmvDolAAAABlBMVEX", AT.plusSeconds(60))
                    : null;
            ProviderEvent.WhatsAppUser user = switch (type) {
                case SESSION_CONNECTED -> new ProviderEvent.WhatsAppUser("61371989950", "Jonathan");
                case SESSION_DISCONNECTED -> new ProviderEvent.WhatsAppUser("61371989950", null);
                default -> null;
            };
            List<ProviderEvent.Receipt> receipts = type == ProviderEventType.MESSAGE_STATUS ? receipts() : null;
            List<ProviderEvent.InboundMessage> inbound = type == ProviderEventType.MESSAGE_RECEIVED
                    ? List.of(
                            new ProviderEvent.InboundMessage(
                                    "PsqXn5SAD5v7HRA-in0", CHAT_ID, "+61412345678", "text", null),
                            new ProviderEvent.InboundMessage(
                                    "PsqXn5SAD5v7HRA-in1", CHAT_ID, "+61412345678", "image", AT.minusSeconds(2)))
                    : null;
            List<ProviderEvent.Call> calls = type == ProviderEventType.CALL
                    ? List.of(
                            new ProviderEvent.Call("CALL-7F3A", CHAT_ID, "+61412345678", false, AT.minusSeconds(5)),
                            new ProviderEvent.Call("CALL-7F3B", CHAT_ID, "+61412345678", true, null))
                    : null;
            events.add(new ProviderEvent(
                    "evt-" + n,
                    n % 3 == 0 ? null : "delivery-" + n,
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    n % 2 == 0 ? PROVIDER_CHANNEL_ID : null,
                    type,
                    providerEventName(type),
                    AT.plusMillis(n),
                    health,
                    qr,
                    user,
                    "{\"channel_id\":\"MANTIS-M72HC\",\"n\":" + n + "}",
                    receipts,
                    inbound,
                    calls,
                    standing(type),
                    type == ProviderEventType.TEMPLATE_STATUS
                            ? new ProviderEvent.TemplateStatus(
                                    "order_update", "en_US", "PAUSED", false, "Low quality: clients blocked it")
                            : null));
            n++;
        }
        // the business account's ban in each of its states
        for (BanState ban : BanState.values()) {
            events.add(new ProviderEvent(
                    "evt-" + n,
                    "delivery-" + n,
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    "106540352242922",
                    ProviderEventType.BUSINESS_ACCOUNT,
                    "account_update",
                    AT.plusMillis(n),
                    null,
                    null,
                    null,
                    "{\"object\":\"whatsapp_business_account\",\"n\":" + n + "}",
                    null,
                    null,
                    null,
                    new ProviderEvent.Standing("DISABLED_UPDATE", null, null, null, null, ban, null),
                    null));
            n++;
        }
        // a template approved again, Meta giving no reason
        events.add(new ProviderEvent(
                "evt-" + n,
                "delivery-" + n,
                CHANNEL_ID,
                ACCOUNT_ID,
                "106540352242922",
                ProviderEventType.TEMPLATE_STATUS,
                "message_template_status_update.REINSTATED",
                AT.plusMillis(n),
                null,
                null,
                null,
                "{\"object\":\"whatsapp_business_account\",\"n\":" + n + "}",
                null,
                null,
                null,
                null,
                new ProviderEvent.TemplateStatus("order_update", "en_US", "REINSTATED", true, null)));
        return events;
    }

    /** Meta's standing of a Cloud API number for its two webhooks: quality and limit, a restriction. */
    private static ProviderEvent.Standing standing(ProviderEventType type) {
        return switch (type) {
            case NUMBER_QUALITY ->
                new ProviderEvent.Standing(
                        "DOWNGRADE", NumberQuality.RED, MessagingLimit.TIER_250, null, null, null, null);
            case BUSINESS_ACCOUNT ->
                new ProviderEvent.Standing(
                        "ACCOUNT_RESTRICTION",
                        null,
                        null,
                        MessagingRestriction.BUSINESS_INITIATED,
                        AT.plus(Duration.ofDays(1)),
                        null,
                        "SCAM");
            default -> null;
        };
    }

    /** A receipt of every status; the first with every optional field left out, FAILED with its error. */
    private static List<ProviderEvent.Receipt> receipts() {
        List<ProviderEvent.Receipt> receipts = new ArrayList<>();
        int n = 0;
        for (ReceiptStatus status : ReceiptStatus.values()) {
            boolean failed = status == ReceiptStatus.FAILED;
            receipts.add(
                    n == 0
                            ? new ProviderEvent.Receipt(
                                    "PsqXn5SAD5v7HRA-wHqB9tMeHS" + n, status, null, null, null, null)
                            : new ProviderEvent.Receipt(
                                    "PsqXn5SAD5v7HRA-wHqB9tMeHS" + n,
                                    status,
                                    "61412345678",
                                    AT.plusSeconds(n),
                                    failed ? "1006" : null,
                                    failed ? "the recipient cannot receive messages" : null));
            n++;
        }
        return receipts;
    }

    private static String providerEventName(ProviderEventType type) {
        return switch (type) {
            case HEALTH -> "channels.post";
            case QR -> "channels.patch";
            case SESSION_CONNECTED -> "users.post";
            case SESSION_DISCONNECTED -> "users.delete";
            case MESSAGE_STATUS -> "statuses.post";
            case CALL -> "calls.post";
            case MESSAGE_RECEIVED -> "messages.post";
            case NUMBER_QUALITY -> "phone_number_quality_update";
            case BUSINESS_ACCOUNT -> "account_update";
            default -> type.name().toLowerCase();
        };
    }

    /** The account in every billing state; PAID with nothing charged has no runway. */
    static List<BillingAccountChanged> billingAccountChanges() {
        List<BillingAccountChanged> changes = new ArrayList<>();
        long version = 1;
        for (BillingAccountState state : BillingAccountState.values()) {
            String balance = switch (state) {
                case PAID -> "50.00";
                case LOW_BALANCE -> "1.60";
                case NOT_PAID -> "-0.40";
            };
            Integer runwayDays = switch (state) {
                case PAID -> null;
                case LOW_BALANCE -> 2;
                case NOT_PAID -> 0;
            };
            changes.add(new BillingAccountChanged(
                    ACCOUNT_ID, state, balance, "EUR", runwayDays, version, AT.plusSeconds(version), "Europe/Berlin"));
            version++;
        }
        return changes;
    }

    /** A message moving through every state; just accepted it has no previous state. */
    static List<MessageStatusChanged> messageStatusChanges() {
        List<MessageStatusChanged> changes = new ArrayList<>();
        MessageState previous = null;
        int n = 0;
        for (MessageState state : MessageState.values()) {
            String reason = switch (state) {
                case FROZEN -> "channel STARTING";
                case EXPIRED -> "time-to-live 24h passed while channel QR_REQUIRED";
                case CANCELLED -> "queue cleared by a user";
                default -> null;
            };
            boolean sent = EnumSet.of(MessageState.SENT, MessageState.DELIVERED, MessageState.READ)
                    .contains(state);
            ChannelStatus heldBy = switch (state) {
                case FROZEN -> ChannelStatus.STARTING;
                case EXPIRED -> ChannelStatus.QR_REQUIRED;
                default -> null;
            };
            FirstContact firstContact = switch (state) {
                case SENT -> FirstContact.WHATSAPP;
                case FAILED -> FirstContact.NO_WHATSAPP;
                default -> null;
            };
            changes.add(new MessageStatusChanged(
                    "msg-" + n,
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    CHAT_ID,
                    previous,
                    state,
                    reason,
                    sent ? "PsqXn5SAD5v7HRA-wHqB9tMeHSQ" : null,
                    state == MessageState.FAILED ? "NO_WHATSAPP_ACCOUNT" : null,
                    AT.plusMillis(n),
                    heldBy,
                    firstContact));
            previous = state;
            n++;
        }
        return changes;
    }

    /** A check request for every reason. */
    static List<ChannelCheckRequested> channelCheckRequests() {
        List<ChannelCheckRequested> requests = new ArrayList<>();
        int n = 0;
        for (ChannelCheckReason reason : ChannelCheckReason.values()) {
            requests.add(new ChannelCheckRequested(
                    "check-" + n,
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    reason,
                    ChannelStatus.ACTIVE,
                    5,
                    "the provider answered 401 \"need channel authorization\" to 5 sends in a row while the channel was"
                            + " ACTIVE",
                    AT.plusSeconds(n)));
            n++;
        }
        return requests;
    }

    /** Every kind of in-chat system message. */
    static List<ChatSystemMessage> chatSystemMessages() {
        List<ChatSystemMessage> messages = new ArrayList<>();
        int n = 0;
        for (SystemMessageKind kind : SystemMessageKind.values()) {
            messages.add(new ChatSystemMessage(
                    "sys-" + n,
                    CHANNEL_ID,
                    ACCOUNT_ID,
                    CHAT_ID,
                    kind,
                    "=== SYSTEM Switchboard === " + text(kind),
                    AT.plusSeconds(n)));
            n++;
        }
        return messages;
    }

    private static String text(SystemMessageKind kind) {
        return switch (kind) {
            case CHAT_INITIALISED -> "Chat is initialized, you can write this client to WhatsApp";
            case CHAT_NOT_POSSIBLE -> "Chat is not possible, this phone number does not have a WhatsApp account";
            case MISSED_VOICE_CALL ->
                "There was an attempt to call into whatsapp from the number +61412345678 at 23:15";
            case MISSED_VIDEO_CALL ->
                "There was a video call attempt at whatsapp from the number +61412345678 at 23:15";
            case NOT_DELIVERED -> "Till now is not delivered to the client (it has passed 15 minutes).";
            case DELIVERED_AND_READ -> "The message is delivered and read.";
            case FINALLY_DELIVERED -> "The message is finally delivered!";
            case NOT_READ -> "Not yet read by the client (passed 4 hours).";
            case ALL_READ -> "All right, all messages are finally read.";
            case STATUS_UNKNOWN -> "The status of messages for this number can not be obtained.";
        };
    }
}
