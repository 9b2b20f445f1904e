package io.switchboard.contracts.channel;

import java.time.Instant;

/**
 * {@code channel.status.v1}: one effective status change of a channel. {@code version} grows by one with every
 * change of the channel, so a consumer can drop what it has already seen and notice gaps.
 *
 * @param previousStatus null for the first event of a new channel
 * @param detail free text from the cause (provider status text, user action, ...), may be null
 * @param providerChannelId where the channel's messages are sent: the provider session id (WEB_SESSION) or the Cloud
 *        API {@code phone_number_id} (CLOUD_API); null until the provider has one
 * @param kind how the channel reaches WhatsApp; null in events written before it was carried (then WEB_SESSION)
 * @param alert set when the event announces a finding rather than a change (the status is then unchanged: unstable,
 *        stable again, stuck, phone overdue, QR expired); null for a plain status change
 * @param cloud how Meta rates and limits a CLOUD_API number; null for a WEB_SESSION channel and in events written
 *        before it was carried
 */
public record ChannelStatusChanged(
        String channelId,
        String accountId,
        String name,
        String phone,
        ChannelStatus previousStatus,
        ChannelStatus status,
        SendPolicy sendPolicy,
        RequiredAction requiredAction,
        StatusCause cause,
        String detail,
        String providerChannelId,
        long version,
        Instant occurredAt,
        ChannelKind kind,
        ChannelAlert alert,
        CloudStanding cloud) {}
