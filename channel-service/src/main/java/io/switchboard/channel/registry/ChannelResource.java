package io.switchboard.channel.registry;

import io.switchboard.channel.history.HistoryView;
import io.switchboard.channel.history.StatusHistoryRepository;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
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

/** The channel registry of the caller's account. */
@Path("/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ACCOUNT_ADMIN, Roles.OPS })
public class ChannelResource {

    private final ChannelRegistry registry;
    private final ChannelRepository channels;
    private final StatusHistoryRepository history;
    private final CurrentAccount account;

    public ChannelResource(ChannelRegistry registry, ChannelRepository channels, StatusHistoryRepository history,
            CurrentAccount account) {
        this.registry = registry;
        this.channels = channels;
        this.history = history;
        this.account = account;
    }

    @POST
    public Response create(@NotNull(message = "a JSON body is required") @Valid CreateChannelRequest request) {
        Channel channel = registry.create(account.id(), request);
        return Response.created(URI.create("/v1/channels/" + channel.id)).entity(ChannelView.of(channel)).build();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public ChannelView get(@PathParam("id") String id) {
        return ChannelView.of(channels.ofAccount(account.id(), id));
    }

    @GET
    @Path("/{id}/history")
    @Transactional
    public HistoryView history(@PathParam("id") String id) {
        Channel channel = channels.ofAccount(account.id(), id);
        return HistoryView.of(channel.id, history.ofChannel(channel.id));
    }
}
