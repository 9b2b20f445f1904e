package io.switchboard.channel.registry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.watchdog.DeliveryStalls;
import io.switchboard.channel.watchdog.TakeOvers;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a person does to a channel (docs/product/channel-rules.md): rename (rule 5), switch off and on instead of
 * deleting (rule 3), delete (terminal, history kept). Each is one change: a new version, a history row, the state
 * event, and a status event when the effective status moved.
 */
@ApplicationScoped
public class ChannelCommands {

    private final Channels channels;
    private final ChannelChanges changes;
    private final TakeOvers takeOvers;
    private final ProviderSessions sessions;
    private final DeliveryStalls stalls;

    public ChannelCommands(
            Channels channels,
            ChannelChanges changes,
            TakeOvers takeOvers,
            ProviderSessions sessions,
            DeliveryStalls stalls) {
        this.channels = channels;
        this.changes = changes;
        this.takeOvers = takeOvers;
        this.sessions = sessions;
        this.stalls = stalls;
    }

    @Transactional
    public Channel rename(String accountId, String channelId, String name) {
        return change(
                accountId,
                channelId,
                "renamed to '" + name + "'",
                channel -> name.equals(channel.name),
                channel -> channel.name = name);
    }

    @Transactional
    public Channel disable(String accountId, String channelId) {
        return change(
                accountId, channelId, "disabled", channel -> !channel.enabled, channel -> channel.enabled = false);
    }

    @Transactional
    public Channel enable(String accountId, String channelId) {
        return change(accountId, channelId, "enabled", channel -> channel.enabled, channel -> channel.enabled = true);
    }

    @Transactional
    public Channel delete(String accountId, String channelId) {
        return change(accountId, channelId, "deleted", channel -> false, channel -> channel.deleted = true);
    }

    /** "Enable here" on demand: a new round of take-over attempts for a channel opened elsewhere. */
    @Transactional
    public Channel enableHere(String accountId, String channelId) {
        Channel channel = live(accountId, channelId);
        if (channel.connectionStatus != ChannelStatus.OPENED_ELSEWHERE) {
            throw new ProblemException(Problem.of(
                            409,
                            "nothing-to-take-over",
                            "Nothing to take over",
                            "Channel " + channelId + " is not opened elsewhere (its connection is "
                                    + channel.connectionStatus + ")")
                    .with("channelId", channelId)
                    .with("connectionStatus", channel.connectionStatus));
        }
        takeOvers.start(channel, "Enable here pressed", StatusCause.USER_ACTION);
        return channel;
    }

    /**
     * Restarts the provider session (operators); the provider's health webhooks report what follows. The provider is
     * called with no lock held: checked, called, then applied.
     */
    public Channel restart(String accountId, String channelId) {
        String session = QuarkusTransaction.requiringNew()
                .call(() -> withSession(accountId, channelId, "restart").providerChannelId);
        sessions.restart(session);
        return afterCall(accountId, channelId, session, channel -> {
            changes.moveConnection(channel, ChannelStatus.STARTING, StatusCause.USER_ACTION, "restart requested");
            stalls.actedUpon(channel, "a restart");
        });
    }

    /**
     * Logs the WhatsApp account out of the session (operators; e.g. to connect another phone, or to clear SYNC_ERROR):
     * the channel needs a QR scan again.
     */
    public Channel logout(String accountId, String channelId) {
        String session = QuarkusTransaction.requiringNew()
                .call(() -> withSession(accountId, channelId, "log out").providerChannelId);
        sessions.logout(session);
        return afterCall(accountId, channelId, session, channel -> {
            channel.whatsappUserId = null;
            channel.whatsappUserName = null;
            changes.moveConnection(
                    channel,
                    ChannelStatus.QR_REQUIRED,
                    StatusCause.USER_ACTION,
                    "logged out by an operator: scan the QR code again");
            stalls.actedUpon(channel, "a log-out");
        });
    }

    /**
     * Applies what the provider did, if the channel still has that session. Had the call been made and this not
     * committed (a crash), the provider's own webhooks bring the channel to the same status.
     */
    private Channel afterCall(String accountId, String channelId, String session, Consumer<Channel> apply) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = channels.lockedOfAccount(accountId, channelId);
            if (!channel.deleted && session.equals(channel.providerChannelId)) {
                apply.accept(channel);
            }
            return channel;
        });
    }

    private Channel withSession(String accountId, String channelId, String action) {
        Channel channel = live(accountId, channelId);
        if (channel.providerChannelId == null) {
            throw new ProblemException(Problem.of(
                            409,
                            "no-provider-session",
                            "No provider session",
                            "Channel " + channelId + " has no WhatsApp Web session to " + action
                                    + (channel.kind == ChannelKind.CLOUD_API ? " (it is a Cloud API channel)" : " yet"))
                    .with("channelId", channelId));
        }
        return channel;
    }

    private Channel live(String accountId, String channelId) {
        Channel channel = channels.lockedOfAccount(accountId, channelId);
        if (channel.deleted) {
            throw deleted(channelId);
        }
        return channel;
    }

    /** 409: a deleted channel cannot change. */
    public static ProblemException deleted(String channelId) {
        return new ProblemException(Problem.of(
                        409,
                        "channel-deleted",
                        "Channel is deleted",
                        "Channel " + channelId
                                + " was deleted; a deleted channel cannot change. Create a new channel instead.")
                .with("channelId", channelId));
    }

    /** Applies {@code edit} to a live channel; a request that changes nothing answers the channel as it is. */
    private Channel change(
            String accountId, String channelId, String detail, Predicate<Channel> alreadyDone, Consumer<Channel> edit) {
        Channel channel = live(accountId, channelId);
        if (alreadyDone.test(channel)) {
            return channel;
        }
        ChannelStatus previous = channel.effectiveStatus();
        edit.accept(channel);
        changes.record(channel, previous, StatusCause.USER_ACTION, detail);
        return channel;
    }
}
