package io.switchboard.channel.registry;

import io.switchboard.channel.delivery.DeliveryFacts;
import io.switchboard.channel.history.HistoryView;
import io.switchboard.channel.history.StatusHistoryEntries;
import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import io.switchboard.platform.text.Texts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The channel registry of the caller's account. */
@Path("/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class ChannelResource {

    private final ChannelCreation registry;
    private final ChannelCommands commands;
    private final Channels channels;
    private final StatusHistoryEntries history;
    private final CurrentAccount account;
    private final ProviderSessions sessions;
    private final DeliveryFacts delivery;

    public ChannelResource(
            ChannelCreation registry,
            ChannelCommands commands,
            Channels channels,
            StatusHistoryEntries history,
            CurrentAccount account,
            ProviderSessions sessions,
            DeliveryFacts delivery) {
        this.sessions = sessions;
        this.delivery = delivery;
        this.registry = registry;
        this.commands = commands;
        this.channels = channels;
        this.history = history;
        this.account = account;
    }

    @POST
    public Response create(@NotNull(message = "a JSON body is required") @Valid CreateChannelRequest request) {
        Channel channel = registry.create(account.id(), request);
        return Response.created(URI.create("/v1/channels/" + channel.id))
                .entity(ChannelView.of(channel))
                .build();
    }

    /**
     * The account's channels, newest first; {@code status} filters by effective status (DELETED shows deleted ones).
     */
    @GET
    @Transactional
    public ChannelPage list(
            @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size")
                    @DefaultValue("50")
                    @Min(value = 1, message = "must be 1 to 200")
                    @Max(value = 200, message = "must be 1 to 200")
                    int size) {
        Paging.checkOffset(page, size);
        Channels.Rows rows = channels.page(account.id(), status == null ? null : statusNamed(status), page, size);
        return new ChannelPage(rows.items().stream().map(ChannelView::of).toList(), page, size, rows.total());
    }

    private static ChannelStatus statusNamed(String name) {
        try {
            return ChannelStatus.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(
                            400,
                            "invalid-request",
                            "Invalid request",
                            "status: '" + Texts.fit(name, 40) + "' is not a channel status; one of "
                                    + java.util.Arrays.toString(ChannelStatus.values()))
                    .with("field", "status"));
        }
    }

    /** Renames the channel; the number of a channel never changes. */
    @PATCH
    @Path("/{id}")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RenameChannelRequest.class)))
    public ChannelView rename(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") Map<String, Object> body) {
        if (body.containsKey("phone")) {
            throw ProblemException.badRequest(
                    "phone-immutable",
                    "The number of a channel never changes",
                    "A channel is tied to its number for good; to use another number, create a new channel");
        }
        var unknown = body.keySet().stream()
                .filter(field -> !field.equals("name"))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest(
                    "unknown-field",
                    "Only the name can be changed",
                    "Fields that cannot be changed: " + String.join(", ", unknown));
        }
        Object name = body.get("name");
        if (!(name instanceof String text) || text.isBlank() || text.trim().length() > 200 || Texts.hasControl(text)) {
            throw new ProblemException(Problem.invalidField("name", "is required, 1 to 200 characters on one line"));
        }
        return ChannelView.of(commands.rename(account.id(), id, text.trim()));
    }

    @POST
    @Path("/{id}/actions/disable")
    public ChannelView disable(@PathParam("id") String id) {
        return ChannelView.of(commands.disable(account.id(), id));
    }

    @POST
    @Path("/{id}/actions/enable")
    public ChannelView enable(@PathParam("id") String id) {
        return ChannelView.of(commands.enable(account.id(), id));
    }

    /** "Enable here": takes the number back from the WhatsApp Web session it was opened in. */
    @POST
    @Path("/{id}/actions/enable-here")
    public ChannelView enableHere(@PathParam("id") String id) {
        return ChannelView.of(commands.enableHere(account.id(), id));
    }

    @POST
    @Path("/{id}/actions/restart")
    public ChannelView restart(@PathParam("id") String id) {
        return ChannelView.of(commands.restart(account.id(), id));
    }

    @POST
    @Path("/{id}/actions/logout")
    public ChannelView logout(@PathParam("id") String id) {
        return ChannelView.of(commands.logout(account.id(), id));
    }

    /** Deletes the channel for good (status DELETED); its history stays, and its number may get a new channel. */
    @DELETE
    @Path("/{id}")
    public ChannelView delete(@PathParam("id") String id) {
        return ChannelView.of(commands.delete(account.id(), id));
    }

    @GET
    @Path("/{id}")
    @Transactional
    public ChannelView get(@PathParam("id") String id) {
        return ChannelView.of(channels.ofAccount(account.id(), id));
    }

    /** The current QR code as JSON (base64 PNG and expiry), while the channel waits for a scan. */
    @GET
    @Path("/{id}/qr")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public QrView qr(@PathParam("id") String id) {
        return QrView.of(channels.ofAccount(account.id(), id));
    }

    /** The current QR code as the PNG image to scan. */
    @GET
    @Path("/{id}/qr")
    @Produces("image/png")
    @Transactional
    public byte[] qrImage(@PathParam("id") String id) {
        try {
            return java.util.Base64.getDecoder()
                    .decode(QrView.of(channels.ofAccount(account.id(), id)).imageBase64());
        } catch (IllegalArgumentException e) {
            // Stored before the ingress checked QR codes: not an image to serve.
            throw ProblemException.notFound("QR code", id);
        }
    }

    /** The channel's webhook endpoint and secret, to configure at a gateway that does not receive it by itself. */
    @GET
    @Path("/{id}/webhook")
    @Transactional
    public WebhookView webhook(@PathParam("id") String id) {
        Channel channel = channels.ofAccount(account.id(), id);
        return new WebhookView(
                sessions.webhookUrl(channel.id), ProviderSessions.WEBHOOK_SECRET_HEADER, channel.webhookSecret);
    }

    /**
     * Whether the channel's sends are answered: when the provider last posted anything, a receipt, an inbound message,
     * and the sends it accepted that no receipt (not even the server's "sent") has acknowledged yet.
     */
    @GET
    @Path("/{id}/delivery")
    @Transactional
    public DeliveryFacts.Facts delivery(@PathParam("id") String id) {
        return delivery.of(channels.ofAccount(account.id(), id).id);
    }

    @GET
    @Path("/{id}/history")
    @Transactional
    public HistoryView history(
            @PathParam("id") String id,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size")
                    @DefaultValue("100")
                    @Min(value = 1, message = "must be 1 to 500")
                    @Max(value = 500, message = "must be 1 to 500")
                    int size) {
        Paging.checkOffset(page, size);
        Channel channel = channels.ofAccount(account.id(), id);
        return history.page(channel.id, page, size);
    }
}
