package io.switchboard.contracts.channel;

import java.time.Instant;

/**
 * {@code channel.state.v1} (compacted): the latest full state of a channel. A consumer that reads this topic from
 * the beginning knows every channel's current state. A channel is never removed from it: a deleted channel stays
 * with status DELETED.
 *
 * @param connectionStatus the live status reported by the provider, before precedence is applied
 * @param status the effective status
 * @param kind how the channel reaches WhatsApp; null in states written before it was carried (then WEB_SESSION)
 * @param cloud how Meta rates and limits a CLOUD_API number; null for a WEB_SESSION channel and in states written
 *        before it was carried
 */
public record ChannelState(
        String channelId,
        String accountId,
        String name,
        String phone,
        boolean enabled,
        ChannelStatus connectionStatus,
        ChannelStatus status,
        SendPolicy sendPolicy,
        RequiredAction requiredAction,
        String providerChannelId,
        long version,
        Instant updatedAt,
        ChannelKind kind,
        CloudStanding cloud) {}
