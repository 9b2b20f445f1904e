package io.switchboard.channel.registry;

import io.switchboard.channel.store.Channel;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import java.time.Instant;

/** A channel as the API shows it. */
record ChannelView(
        String id,
        String accountId,
        String phone,
        String name,
        ChannelKind kind,
        String cloudPhoneNumberId,
        String cloudBusinessAccountId,
        boolean enabled,
        ChannelStatus status,
        ChannelStatus connectionStatus,
        SendPolicy sendPolicy,
        RequiredAction requiredAction,
        String requiredActionText,
        String providerChannelId,
        boolean unstable,
        boolean stuck,
        Instant deliveryStalledSince,
        CloudStanding cloud,
        String whatsappUserId,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static ChannelView of(Channel channel) {
        ChannelStatus status = channel.effectiveStatus();
        return new ChannelView(
                channel.id,
                channel.accountId,
                channel.phone,
                channel.name,
                channel.kind,
                channel.cloudPhoneNumberId,
                channel.cloudBusinessAccountId,
                channel.enabled,
                status,
                channel.connectionStatus,
                channel.sendPolicy(),
                channel.requiredAction(),
                channel.requiredAction().description(),
                channel.providerChannelId,
                channel.unstable,
                channel.stuck,
                channel.deliveryStalled() ? channel.deliveryStalledSince : null,
                channel.cloudStanding(),
                channel.whatsappUserId,
                channel.version,
                channel.createdAt,
                channel.updatedAt);
    }
}
