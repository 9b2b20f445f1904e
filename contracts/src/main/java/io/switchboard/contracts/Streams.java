package io.switchboard.contracts;

import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.contracts.channel.ChannelState;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.chat.ChatSystemMessage;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.contracts.provider.ProviderEvent;
import java.util.List;

/**
 * Every event stream of Switchboard, each declared once. {@link Topics#ALL}, {@link Schemas} and the AsyncAPI check
 * are derived from {@link #ALL}; a producer publishes a payload to its stream ({@code Outbox.publish(stream,
 * payload)}) and a consumer subscribes to one ({@code Subscription.of(name, stream)}).
 */
public final class Streams {

    /** Normalised provider events (health, QR, session, receipts, calls). */
    public static final EventStream<ProviderEvent> PROVIDER_EVENTS = new EventStream<>(
            Topics.PROVIDER_EVENTS,
            "io.switchboard.provider.event.v1",
            ProviderEvent.class,
            schema("provider-event"),
            "channelId",
            ProviderEvent::channelId,
            ProviderEvent::channelId,
            Topics.DEFAULT_PARTITIONS,
            false);

    /** Every effective status change of a channel. */
    public static final EventStream<ChannelStatusChanged> CHANNEL_STATUS = new EventStream<>(
            Topics.CHANNEL_STATUS,
            "io.switchboard.channel.status-changed.v1",
            ChannelStatusChanged.class,
            schema("channel-status-changed"),
            "channelId",
            ChannelStatusChanged::channelId,
            ChannelStatusChanged::channelId,
            Topics.DEFAULT_PARTITIONS,
            false);

    /** The latest full state of each channel (compacted). */
    public static final EventStream<ChannelState> CHANNEL_STATE = new EventStream<>(
            Topics.CHANNEL_STATE,
            "io.switchboard.channel.state.v1",
            ChannelState.class,
            schema("channel-state"),
            "channelId",
            ChannelState::channelId,
            ChannelState::channelId,
            Topics.DEFAULT_PARTITIONS,
            true);

    /** The billing state of an account. */
    public static final EventStream<BillingAccountChanged> BILLING_ACCOUNT = new EventStream<>(
            Topics.BILLING_ACCOUNT,
            "io.switchboard.billing.account-changed.v1",
            BillingAccountChanged.class,
            schema("billing-account-changed"),
            "accountId",
            BillingAccountChanged::accountId,
            BillingAccountChanged::accountId,
            Topics.DEFAULT_PARTITIONS,
            false);

    /** Every state change of an outbound message; about the message, keyed by its channel (one order per channel). */
    public static final EventStream<MessageStatusChanged> MESSAGE_STATUS = new EventStream<>(
            Topics.MESSAGE_STATUS,
            "io.switchboard.message.status-changed.v1",
            MessageStatusChanged.class,
            schema("message-status-changed"),
            "channelId",
            MessageStatusChanged::channelId,
            MessageStatusChanged::messageId,
            Topics.DEFAULT_PARTITIONS,
            false);

    /** In-chat system messages for CRMs. */
    public static final EventStream<ChatSystemMessage> CHAT_SYSTEM_MESSAGES = new EventStream<>(
            Topics.CHAT_SYSTEM_MESSAGES,
            "io.switchboard.chat.system-message.v1",
            ChatSystemMessage.class,
            schema("chat-system-message"),
            "channelId",
            ChatSystemMessage::channelId,
            ChatSystemMessage::channelId,
            Topics.DEFAULT_PARTITIONS,
            false);

    /** Requests that channel-service ask the provider for a channel's real health. */
    public static final EventStream<ChannelCheckRequested> CHANNEL_CHECK_REQUESTS = new EventStream<>(
            Topics.CHANNEL_CHECK_REQUESTS,
            "io.switchboard.channel.check-requested.v1",
            ChannelCheckRequested.class,
            schema("channel-check-requested"),
            "channelId",
            ChannelCheckRequested::channelId,
            ChannelCheckRequested::channelId,
            Topics.DEFAULT_PARTITIONS,
            false);

    /** Every stream, in the order the AsyncAPI document lists their channels. */
    public static final List<EventStream<?>> ALL = List.of(
            PROVIDER_EVENTS,
            CHANNEL_STATUS,
            CHANNEL_STATE,
            BILLING_ACCOUNT,
            MESSAGE_STATUS,
            CHAT_SYSTEM_MESSAGES,
            CHANNEL_CHECK_REQUESTS);

    private Streams() {}

    /** The stream of a topic. */
    public static EventStream<?> ofTopic(String topic) {
        return ALL.stream()
                .filter(stream -> stream.topic().equals(topic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        topic != null && topic.endsWith(Topics.DLQ_SUFFIX)
                                ? "Dead-letter topic " + topic
                                        + " carries failed records unchanged and has no payload schema"
                                : "Unknown topic: " + topic));
    }

    private static String schema(String name) {
        return Schemas.RESOURCE_BASE + name + ".schema.json";
    }
}
