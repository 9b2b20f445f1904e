package io.switchboard.queue.account;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * An account's queue settings as they apply: its own where it set them, the service's defaults elsewhere.
 *
 * @param sendPolicy the account's overrides of the default send policy, per status (QUEUE or REJECT)
 */
public record AccountSettings(
        ReleaseMode releaseMode,
        Duration defaultTtl,
        Duration minGap,
        Duration backlogGapMin,
        Duration backlogGapMax,
        int cloudApiRate,
        Map<ChannelStatus, SendPolicy> sendPolicy) {

    /** The policy a new message of a channel in {@code status} meets. */
    public SendPolicy policyFor(ChannelStatus status, SendPolicy defaultPolicy) {
        return sendPolicy.getOrDefault(status, defaultPolicy);
    }
}
