package io.switchboard.channel.registry;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a person does to a channel: rename (rule 5), switch off and on instead of deleting (rule 3), delete (terminal,
 * history kept). Each is one change: a new version, a history row, the state event, and a status event when the
 * effective status moved.
 */
@ApplicationScoped
public class ChannelCommands {

    private final ChannelRepository channels;
    private final ChannelChanges changes;

    public ChannelCommands(ChannelRepository channels, ChannelChanges changes) {
        this.channels = channels;
        this.changes = changes;
    }

    @Transactional
    public Channel rename(String accountId, String channelId, String name) {
        return change(accountId, channelId, "renamed to '" + name + "'", channel -> name.equals(channel.name),
                channel -> channel.name = name);
    }

    @Transactional
    public Channel disable(String accountId, String channelId) {
        return change(accountId, channelId, "disabled", channel -> !channel.enabled, channel -> channel.enabled = false);
    }

    @Transactional
    public Channel enable(String accountId, String channelId) {
        return change(accountId, channelId, "enabled", channel -> channel.enabled, channel -> channel.enabled = true);
    }

    @Transactional
    public Channel delete(String accountId, String channelId) {
        return change(accountId, channelId, "deleted", channel -> false, channel -> channel.deleted = true);
    }

    /** Applies {@code edit} to a live channel; a request that changes nothing answers the channel as it is. */
    private Channel change(String accountId, String channelId, String detail, Predicate<Channel> alreadyDone,
            Consumer<Channel> edit) {
        Channel channel = channels.lockedOfAccount(accountId, channelId);
        if (channel.deleted) {
            throw new ProblemException(Problem.of(409, "channel-deleted", "Channel is deleted",
                    "Channel " + channelId + " was deleted; a deleted channel cannot change. Create a new channel instead.")
                    .with("channelId", channelId));
        }
        if (alreadyDone.test(channel)) {
            return channel;
        }
        ChannelStatus previous = channel.effectiveStatus();
        edit.accept(channel);
        changes.record(channel, previous, StatusCause.USER_ACTION, detail);
        return channel;
    }
}
