package io.switchboard.billing.channel;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.rest.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The caller's channels as billing counts them. */
@Path("/v1/billing/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class BilledChannelResource {

    private final BilledChannels channels;
    private final CurrentAccount account;

    public BilledChannelResource(BilledChannels channels, CurrentAccount account) {
        this.channels = channels;
        this.account = account;
    }

    @GET
    @Transactional
    public Channels list(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        Paging.check(page, size);
        List<BilledChannel> rows = Paging.withNext(channels.pageOf(account.id()), page, size);
        List<Item> items = rows.stream()
                .limit(size)
                .map(c -> new Item(c.channelId, c.name, c.status, c.billable, c.charged, c.version))
                .toList();
        return new Channels(items, channels.enabledCount(account.id()), page, size, rows.size() > size);
    }

    /** @param billableCount the account's billable channels, on every page */
    public record Channels(List<Item> items, long billableCount, int page, int size, boolean more) {}

    /**
     * @param billable enabled and not deleted: counted for the runway
     * @param charged charged now (billable, and not NOT_PAID)
     */
    public record Item(
            String channelId, String name, ChannelStatus status, boolean billable, boolean charged, long version) {}
}
