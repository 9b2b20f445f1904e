package io.switchboard.channel.status;

import io.switchboard.channel.store.Channel;
import io.switchboard.contracts.channel.ChannelStatus;

/** A channel's live connection status moved, inside the transaction that moved it. */
public record ConnectionChanged(Channel channel, ChannelStatus from, ChannelStatus to) {}
