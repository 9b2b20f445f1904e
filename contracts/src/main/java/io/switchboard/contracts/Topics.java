package io.switchboard.contracts;

import java.util.List;

/**
 * The names of Switchboard's Kafka topics (constants, so that a {@code switch} can name them), and the list of every
 * topic with its layout, derived from the streams declared in {@link Streams}. Code, tests, the local run and the Helm
 * charts take topic names from here; the AsyncAPI document describes the same names (a test keeps them equal).
 */
public final class Topics {

    /** Normalised provider events (health, QR, session, receipts, calls), key = channelId. */
    public static final String PROVIDER_EVENTS = "provider.events.v1";
    /** Every effective status change of a channel, key = channelId. */
    public static final String CHANNEL_STATUS = "channel.status.v1";
    /** Compacted: the latest full state of each channel, key = channelId. */
    public static final String CHANNEL_STATE = "channel.state.v1";
    /** Billing state of an account (PAID / LOW_BALANCE / NOT_PAID), key = accountId. */
    public static final String BILLING_ACCOUNT = "billing.account.v1";
    /** Every state change of an outbound message, key = channelId. */
    public static final String MESSAGE_STATUS = "message.status.v1";
    /** In-chat system messages for CRMs, key = channelId. */
    public static final String CHAT_SYSTEM_MESSAGES = "chat.system-messages.v1";
    /** Requests that channel-service ask the provider for a channel's real health (e.g. sends refused with 401 while
     * the channel is ACTIVE), key = channelId. */
    public static final String CHANNEL_CHECK_REQUESTS = "channel.check-requests.v1";

    /** Suffix of the dead-letter topic that sits beside every topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Partitions of every topic: the unit of consumer parallelism (records of one key stay on one partition). */
    public static final int DEFAULT_PARTITIONS = 6;

    /** A topic and how it is laid out. */
    public record TopicSpec(String name, String key, int partitions, boolean compacted) {}

    /** Every topic with its layout, dead-letter topics excluded, in {@link Streams#ALL} order. */
    public static final List<TopicSpec> ALL =
            Streams.ALL.stream().map(EventStream::spec).toList();

    private Topics() {}

    /** The dead-letter topic of {@code topic}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic and its dead-letter topic: what a cluster must hold before the services start. */
    public static List<TopicSpec> allWithDeadLetters() {
        var all = new java.util.ArrayList<TopicSpec>(ALL);
        for (TopicSpec spec : ALL) {
            all.add(new TopicSpec(dlq(spec.name()), spec.key(), 1, false));
        }
        return List.copyOf(all);
    }
}
