package io.switchboard.queue.message;

import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.phone.PhoneNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Outbound messages of the caller's account. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ACCOUNT_ADMIN, Roles.OPS })
public class MessageResource {

    private final Backlog backlog;
    private final OutboundMessages messages;
    private final CurrentAccount account;

    public MessageResource(Backlog backlog, OutboundMessages messages, CurrentAccount account) {
        this.backlog = backlog;
        this.messages = messages;
        this.account = account;
    }

    /** 202: accepted, to go now (QUEUED) or when the channel can send (FROZEN); 409 if the channel refuses. */
    @POST
    @Path("/channels/{channelId}/messages")
    public Response send(@PathParam("channelId") String channelId,
            @NotNull(message = "a JSON body is required") @Valid SendMessageRequest request) {
        String chatId = PhoneNumbers.e164("chatId", request.chatId());
        OutboundMessage message = backlog.accept(account.id(), channelId, chatId, request.text());
        return Response.accepted(MessageView.of(message)).location(URI.create("/v1/messages/" + message.id)).build();
    }

    @GET
    @Path("/messages/{id}")
    @Transactional
    public MessageView get(@PathParam("id") String id) {
        return MessageView.of(messages.ofAccount(account.id(), id));
    }
}
