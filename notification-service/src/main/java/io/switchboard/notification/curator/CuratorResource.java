package io.switchboard.notification.curator;

import io.switchboard.notification.delivery.Deliveries;
import io.switchboard.notification.delivery.Delivery;
import io.switchboard.notification.delivery.Notice;
import io.switchboard.notification.delivery.Notifier;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The caller's account's curators: who is told what about which channels, by email and/or webhook. */
@Path("/v1/curators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ACCOUNT_ADMIN, Roles.OPS })
public class CuratorResource {

    static final String TEST_TYPE = "curator.test";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostResolver resolver;
    private final Curators curators;
    private final CuratorSettings settings;
    private final CurrentAccount account;
    private final Clock clock;
    private final Notifier notifier;
    private final Deliveries deliveries;

    public CuratorResource(Curators curators, CuratorSettings settings, CurrentAccount account, Clock clock,
            Notifier notifier, Deliveries deliveries, HostResolver resolver) {
        this.resolver = resolver;
        this.notifier = notifier;
        this.deliveries = deliveries;
        this.curators = curators;
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
        boolean newSecret = apply(curator, request);
        curators.persist(curator);
        return Response.created(URI.create("/v1/curators/" + curator.id)).entity(CuratorView.of(curator, newSecret))
                .build();
    }

    @GET
    @Transactional
    public CuratorPage list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<Curator> rows = curators.page(account.id(), page, size);
        return new CuratorPage(rows.stream().limit(size).map(c -> CuratorView.of(c, false)).toList(), page, size,
                rows.size() > size);
    }

    @GET
    @Path("/{id}")
    @Transactional
    public CuratorView get(@PathParam("id") String id) {
        return CuratorView.of(curators.ofAccount(account.id(), id), false);
    }

    /** Replaces the curator; its webhook secret stays, unless the webhook is new (a secret is made and shown) or gone. */
    @PUT
    @Path("/{id}")
    @Transactional
    public CuratorView replace(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid CuratorRequest request) {
        Curator curator = curators.ofAccount(account.id(), id);
        boolean newSecret = apply(curator, request);
        return CuratorView.of(curator, newSecret);
    }

    /**
     * Sends the curator a sample notification by each medium it has, email and webhook (202 with the deliveries, each
     * readable on {@code GET /v1/curators/{id}/test/{deliveryId}}); 409 when it has neither an email address nor a
     * working webhook.
     */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.WILDCARD) // no body
    @Transactional
    public Response test(@PathParam("id") String id) {
        Curator curator = curators.ofAccount(account.id(), id);
        String text = "A test notification from Switchboard for " + curator.name + ": notifications reach you here.";
        List<Delivery> made = notifier.tell(curator, new Notice(curator.accountId, null, NotificationKind.CHANNEL_STATUS,
                TEST_TYPE, "Switchboard test notification", text,
                Map.of("accountId", curator.accountId, "curatorId", curator.id.toString())));
        if (made.isEmpty()) {
            throw ProblemException.conflict("no-receiver", "Nothing to test", "The curator's webhook is disabled: "
                    + curator.webhookDisabledReason + "; replace it to enable it, or give the curator an email address");
        }
        return Response.accepted(new TestDeliveries(made.stream()
                .map(d -> new TestDelivery(d.id, d.medium, d.state.name(), 0, null, null)).toList())).build();
    }

    @GET
    @Path("/{id}/test/{deliveryId}")
    @Transactional
    public TestDelivery testDelivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Curator curator = curators.ofAccount(account.id(), id);
        UUID delivery;
        try {
            delivery = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Delivery", deliveryId);
        }
        return deliveries.find("id = ?1 and curatorId = ?2 and kind = ?3", delivery, curator.id, TEST_TYPE)
                .firstResultOptional()
                .map(d -> new TestDelivery(d.id, d.medium, d.state.name(), d.attempts, d.lastStatus, d.lastError))
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
    }

    public record TestDeliveries(List<TestDelivery> deliveries) {
    }

    /** A test delivery: {@code id} is its {@code webhook-id}, or the email's notification id. */
    public record TestDelivery(UUID id, Delivery.Medium medium, String state, int attempts, Integer lastStatus,
            String lastError) {
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
            throw ProblemException.conflict("no-webhook", "No webhook secret", "The curator has no webhook to sign for");
        }
        curator.previousWebhookSecret = curator.webhookSecret;
        curator.previousSecretUntil = clock.instant().plus(settings.secretGrace());
        curator.webhookSecret = secret();
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

    public record CuratorPage(List<CuratorView> items, int page, int size, boolean more) {
    }

    /** Validates the request onto the curator; true when a webhook secret was made for it. */
    private boolean apply(Curator curator, CuratorRequest request) {
        String email = blankToNull(request.email());
        String webhook = blankToNull(request.webhookUrl());
        if (email == null && webhook == null) {
            throw new ProblemException(Problem.invalidField("email", "an email or a webhookUrl (or both) is required"));
        }
        if (webhook != null) {
            webhook = WebhookTargets.check(webhook, settings.allowLocalWebhooks(), resolver);
        }
        Set<String> channels = new LinkedHashSet<>(request.channelIds() == null ? List.of() : request.channelIds());
        boolean all = request.allChannels() == null ? channels.isEmpty() : request.allChannels();
        if (all && !channels.isEmpty()) {
            throw new ProblemException(Problem.invalidField("channelIds", "are not given when allChannels is true"));
        }
        if (!all && channels.isEmpty()) {
            throw new ProblemException(Problem.invalidField("channelIds", "name at least one channel, or allChannels"));
        }
        if (request.kinds() != null && (request.kinds().isEmpty() || request.kinds().contains(null))) {
            throw new ProblemException(Problem.invalidField("kinds", "name at least one kind (or leave kinds out for all)"));
        }
        Set<NotificationKind> kinds = request.kinds() == null ? EnumSet.allOf(NotificationKind.class)
                : EnumSet.copyOf(request.kinds());
        if (curators.taken(curator.accountId, curator.id, email, webhook)) {
            throw ProblemException.conflict("curator-exists", "Curator exists",
                    "Another curator of the account has this email or webhook URL");
        }
        boolean newSecret = webhook != null && curator.webhookSecret == null;
        curator.name = request.name().strip();
        curator.email = email == null ? null : email.toLowerCase(Locale.ROOT);
        if (webhook == null || !webhook.equals(curator.webhookUrl)) {
            curator.webhookDisabledAt = null; // a new receiver is given its chance
            curator.webhookDisabledReason = null;
        }
        curator.webhookUrl = webhook;
        curator.webhookSecret = webhook == null ? null : newSecret ? secret() : curator.webhookSecret;
        if (curator.webhookSecret == null || newSecret) {
            curator.previousWebhookSecret = null;
            curator.previousSecretUntil = null;
        }
        curator.allChannels = all;
        curator.channelIds = String.join(",", channels);
        curator.kinds = String.join(",", kinds.stream().map(Enum::name).toList());
        curator.updatedAt = clock.instant();
        return newSecret;
    }

    private static String secret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
