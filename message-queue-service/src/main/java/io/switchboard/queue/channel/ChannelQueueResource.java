package io.switchboard.queue.channel;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.queue.message.OutboundMessages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Whether a channel can send now, as this service sees it, and how much it holds. */
@Path("/v1/channels/{channelId}/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ACCOUNT_ADMIN, Roles.OPS })
public class ChannelQueueResource {

    private final ChannelViews channels;
    private final OutboundMessages messages;
    private final CurrentAccount account;

    public ChannelQueueResource(ChannelViews channels, OutboundMessages messages, CurrentAccount account) {
        this.channels = channels;
        this.messages = messages;
        this.account = account;
    }

    @GET
    @Transactional
    public ChannelQueue get(@PathParam("channelId") String channelId) {
        ChannelView channel = channels.ofAccount(account.id(), channelId);
        return new ChannelQueue(channel.channelId, channel.status, channel.sendPolicy, channel.requiredAction,
                channel.version, messages.count("channelId = ?1 and state = ?2", channelId, MessageState.FROZEN),
                messages.count("channelId = ?1 and state in ?2", channelId,
                        java.util.List.of(MessageState.QUEUED, MessageState.DISPATCHING)));
    }

    /**
     * @param version the channel status version this view was built from
     * @param frozen messages held until the channel can send
     * @param queued messages about to go out (or on their way)
     */
    public record ChannelQueue(String channelId, ChannelStatus status, SendPolicy sendPolicy,
            RequiredAction requiredAction, long version, long frozen, long queued) {
    }
}
