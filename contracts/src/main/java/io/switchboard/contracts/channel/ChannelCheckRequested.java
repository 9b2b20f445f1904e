package io.switchboard.contracts.channel;

import java.time.Instant;

/**
 * {@code channel.check-requests.v1}: another service saw something that does not fit the channel's status and asks
 * channel-service to ask the provider for the session's real health; keyed by channelId.
 *
 * @param checkId unique id of this request (a replay of the same record is one request)
 * @param believedStatus the channel status the requester held when it saw the mismatch
 * @param observations how many times in a row it saw it (e.g. sends refused with 401)
 * @param detail what it saw, for people (logs, history)
 */
public record ChannelCheckRequested(
        String checkId,
        String channelId,
        String accountId,
        ChannelCheckReason reason,
        ChannelStatus believedStatus,
        int observations,
        String detail,
        Instant requestedAt) {}
