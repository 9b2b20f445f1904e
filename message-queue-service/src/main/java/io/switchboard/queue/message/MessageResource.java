package io.switchboard.queue.message;

import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import io.switchboard.queue.channel.ChannelLanes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Outbound messages of the caller's account. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class MessageResource {

    /** Answers a repeated idempotency key: this is the first request's message. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final AcceptGroups groups;
    private final Messages messages;
    private final MessageControl control;
    private final ChannelLanes lanes;
    private final CurrentAccount account;
    private final Validator validator;

    public MessageResource(
            AcceptGroups groups,
            Messages messages,
            MessageControl control,
            ChannelLanes lanes,
            CurrentAccount account,
            Validator validator) {
        this.groups = groups;
        this.messages = messages;
        this.control = control;
        this.lanes = lanes;
        this.account = account;
        this.validator = validator;
    }

    /**
     * 202: accepted, to go now (QUEUED) or when the channel can send (FROZEN); a repeat of an idempotency key answers
     * the first message. 409 if the channel refuses, or the key was used for another message.
     */
    @POST
    @Path("/channels/{channelId}/messages")
    public Response send(
            @PathParam("channelId") String channelId,
            @NotNull(message = "a JSON body is required") @Valid SendMessageRequest request) {
        Acceptance.Result result =
                groups.accept(new Acceptance.Request(account.id(), channelId, List.of(item(request))));
        if (result.refused() != null) {
            throw new ProblemException(result.refused());
        }
        Acceptance.Outcome outcome = result.outcomes().get(0);
        if (outcome instanceof Acceptance.Refused refused) {
            throw new ProblemException(refused.problem());
        }
        Acceptance.Accepted accepted = (Acceptance.Accepted) outcome;
        Response.ResponseBuilder response = Response.accepted(MessageView.of(accepted.message()))
                .location(URI.create("/v1/messages/" + accepted.message().id()));
        if (accepted.repeated()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    @GET
    @Path("/messages/{id}")
    @Transactional
    public MessageDetail get(@PathParam("id") String id) {
        return MessageDetail.of(messages.ofAccount(account.id(), id));
    }

    /** Cancels a message not yet handed to the provider (QUEUED or FROZEN): CANCELLED; 409 otherwise. */
    @DELETE
    @Path("/messages/{id}")
    public MessageView cancel(@PathParam("id") String id) {
        return MessageView.of(control.cancel(account.id(), id));
    }

    /** The channel's messages, oldest first, optionally of one state and one chat. */
    @GET
    @Path("/channels/{channelId}/messages")
    @Transactional
    public MessagePage list(
            @PathParam("channelId") String channelId,
            @QueryParam("state") String state,
            @QueryParam("chatId") String chatId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        lanes.ofAccount(account.id(), channelId);
        String chat = chatId == null || chatId.isBlank() ? null : PhoneNumbers.e164("chatId", chatId);
        List<StoredMessage> rows = messages.page(channelId, state(state), chat, page, size);
        boolean more = rows.size() > size;
        return new MessagePage(rows.stream().limit(size).map(MessageView::of).toList(), page, size, more);
    }

    private static MessageState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return MessageState.valueOf(state.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    Problem.invalidField("state", "is one of " + java.util.Arrays.toString(MessageState.values())));
        }
    }

    static Acceptance.Item item(SendMessageRequest request) {
        if ((request.text() == null) == (request.template() == null)) {
            throw new ProblemException(Problem.invalidField(
                    request.text() == null ? "text" : "template",
                    request.text() == null
                            ? "is required (or a template, for a Cloud API channel)"
                            : "is given with text: a message is text or a template, not both"));
        }
        return new Acceptance.Item(
                PhoneNumbers.e164("chatId", request.chatId()),
                request.text(),
                request.idempotencyKey(),
                request.ttlSeconds(),
                request.template());
    }

    /** @param hasMore another page follows */
    public record MessagePage(List<MessageView> items, int page, int size, boolean hasMore) {}
}
