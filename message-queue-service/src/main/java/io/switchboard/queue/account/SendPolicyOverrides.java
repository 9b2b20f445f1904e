package io.switchboard.queue.account;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which statuses an account may override, and with what: those whose default is QUEUE or REJECT, with QUEUE or
 * REJECT. A sending status stays SEND, and a deleted channel takes nothing.
 */
final class SendPolicyOverrides {

    public static final Set<SendPolicy> ALLOWED_POLICIES = EnumSet.of(SendPolicy.QUEUE, SendPolicy.REJECT);

    private SendPolicyOverrides() {}

    public static boolean overridable(ChannelStatus status) {
        return status != ChannelStatus.DELETED && ALLOWED_POLICIES.contains(status.defaultSendPolicy());
    }
}
