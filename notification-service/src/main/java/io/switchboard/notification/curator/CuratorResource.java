package io.switchboard.notification.curator;

import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The caller's account's curators: who is told what about which channels, by email and/or webhook. */
@Path("/v1/curators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class CuratorResource {

    private final Curators curators;
    private final CuratorChanges changes;
    private final CuratorSettings settings;
    private final CurrentAccount account;
    private final Clock clock;

    public CuratorResource(
            Curators curators, CuratorChanges changes, CuratorSettings settings, CurrentAccount account, Clock clock) {
        this.curators = curators;
        this.changes = changes;
        this.settings = settings;
        this.account = account;
        this.clock = clock;
    }

    /** 201 with the curator and, when it has a webhook, its secret (shown this once); 409 for a duplicate. */
    @POST
    @Transactional
    public Response create(@NotNull(message = "a JSON body is required") @Valid CuratorRequest request) {
        Curator curator = new Curator();
        curator.id = UUID.randomUUID();
        curator.accountId = account.id();
        curator.createdAt = clock.instant();
        boolean newSecret = changes.apply(curator, request);
        curators.persist(curator);
        return Response.created(URI.create("/v1/curators/" + curator.id))
                .entity(CuratorView.of(curator, newSecret))
                .build();
    }

    @GET
    @Transactional
    public CuratorPage list(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<Curator> rows = curators.page(account.id(), page, size);
        return new CuratorPage(
                rows.stream().limit(size).map(c -> CuratorView.of(c, false)).toList(), page, size, rows.size() > size);
    }

    @GET
    @Path("/{id}")
    @Transactional
    public CuratorView get(@PathParam("id") String id) {
        return CuratorView.of(curators.ofAccount(account.id(), id), false);
    }

    /**
     * Replaces the curator; its webhook secret stays, unless the webhook is new (a secret is made and shown) or gone.
     */
    @PUT
    @Path("/{id}")
    @Transactional
    public CuratorView replace(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid CuratorRequest request) {
        Curator curator = curators.ofAccount(account.id(), id);
        boolean newSecret = changes.apply(curator, request);
        return CuratorView.of(curator, newSecret);
    }

    /**
     * A new webhook secret, shown in this answer only. The previous one keeps signing beside it (two signatures in
     * {@code webhook-signature}) for {@code switchboard.curators.secret-grace}, so that receivers can switch.
     */
    @POST
    @Path("/{id}/webhook-secret/rotate")
    @Consumes(MediaType.WILDCARD) // no body
    @Transactional
    public CuratorView rotateSecret(@PathParam("id") String id) {
        Curator curator = curators.ofAccount(account.id(), id);
        if (curator.webhookSecret == null) {
            throw ProblemException.conflict(
                    "no-webhook", "No webhook secret", "The curator has no webhook to sign for");
        }
        curator.previousWebhookSecret = curator.webhookSecret;
        curator.previousSecretUntil = clock.instant().plus(settings.secretGrace());
        curator.webhookSecret = CuratorChanges.secret();
        curator.updatedAt = clock.instant();
        return CuratorView.of(curator, true);
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        curators.delete(curators.ofAccount(account.id(), id));
        return Response.noContent().build();
    }

    public record CuratorPage(List<CuratorView> items, int page, int size, boolean more) {}
}
