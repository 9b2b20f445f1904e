package io.switchboard.notification.channel;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
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

/** What this service has seen of one of the caller's channels; an unknown or foreign channel has seen nothing. */
@Path("/v1/channels/{channelId}/observed-statuses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class ObservedStatusResource {

    private final ObservedChannelStatuses observed;
    private final ChannelWatches watches;
    private final CurrentAccount account;

    public ObservedStatusResource(ObservedChannelStatuses observed, ChannelWatches watches, CurrentAccount account) {
        this.observed = observed;
        this.watches = watches;
        this.account = account;
    }

    @GET
    @Transactional
    public Observations list(
            @PathParam("channelId") String channelId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        if (!watches.knownTo(account.id(), channelId)) {
            throw ProblemException.notFound("Channel", channelId);
        }
        List<ObservedChannelStatus> rows = observed.ofChannel(account.id(), channelId, page, size);
        return new Observations(
                channelId,
                rows.stream()
                        .limit(size)
                        .map(row -> new Observation(
                                row.version,
                                row.previousStatus,
                                row.status,
                                row.requiredAction,
                                row.occurredAt,
                                row.receivedAt))
                        .toList(),
                page,
                size,
                rows.size() > size);
    }

    public record Observations(String channelId, List<Observation> items, int page, int size, boolean more) {}

    public record Observation(
            long version,
            ChannelStatus previousStatus,
            ChannelStatus status,
            RequiredAction requiredAction,
            Instant occurredAt,
            Instant receivedAt) {}
}
