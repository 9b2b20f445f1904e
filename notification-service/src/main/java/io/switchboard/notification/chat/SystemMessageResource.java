package io.switchboard.notification.chat;

import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.notification.channel.ChannelWatches;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The system messages written into the chats of one of the caller's channels; another account's channel is not found.
 */
@Path("/v1/channels/{channelId}/system-messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class SystemMessageResource {

    private final SystemMessages messages;
    private final ChannelWatches watches;
    private final CurrentAccount account;

    public SystemMessageResource(SystemMessages messages, ChannelWatches watches, CurrentAccount account) {
        this.messages = messages;
        this.watches = watches;
        this.account = account;
    }

    /** Oldest first; {@code chatId} (the client's number) narrows it to one chat. */
    @GET
    @Transactional
    public SystemMessagePage list(
            @PathParam("channelId") String channelId,
            @QueryParam("chatId") String chatId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        Paging.check(page, size);
        if (!watches.knownTo(account.id(), channelId)) {
            throw ProblemException.notFound("Channel", channelId);
        }
        List<SystemMessage> rows = messages.page(account.id(), channelId, chatId, page, size);
        return new SystemMessagePage(
                rows.stream()
                        .limit(size)
                        .map(m -> new SystemMessageView(m.id, m.channelId, m.chatId, m.kind, m.text, m.occurredAt))
                        .toList(),
                page,
                size,
                rows.size() > size);
    }

    public record SystemMessagePage(List<SystemMessageView> items, int page, int size, boolean more) {}

    public record SystemMessageView(
            UUID id, String channelId, String chatId, SystemMessageKind kind, String text, Instant occurredAt) {}
}
