package io.switchboard.simulator.channel;

import io.switchboard.simulator.http.ApiKeyRequired;
import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.webhook.WebhookTarget;
import io.switchboard.simulator.webhook.WhapiWebhookBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The provider's partner API: channels (sessions) are opened and restarted here. */
@Path("/partner/v1/channels")
@ApiKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Provider API")
public class ProviderChannelResource {

    private final ChannelLifecycle lifecycle;
    private final WebConflict conflicts;
    private final ChannelRegistry registry;

    public ProviderChannelResource(ChannelLifecycle lifecycle, WebConflict conflicts, ChannelRegistry registry) {
        this.lifecycle = lifecycle;
        this.conflicts = conflicts;
        this.registry = registry;
    }

    @POST
    public Response create(CreateChannelRequest request) {
        if (request == null || blank(request.phone())) {
            throw ProviderException.badRequest("phone is required");
        }
        String name = blank(request.name()) ? request.phone() : request.name();
        SimulatedChannel channel = lifecycle.create(name, request.phone().trim(), webhook(request.webhook()));
        return Response.status(Response.Status.CREATED)
                .entity(ChannelView.of(channel))
                .build();
    }

    @GET
    @Path("/{id}")
    public ChannelView get(@PathParam("id") String id) {
        return ChannelView.of(registry.get(id));
    }

    /**
     * The session's health, as Whapi's {@code GET /health} answers it: {@code start_at}, {@code uptime} (growing with
     * every answer and webhook, so a receiver can tell the newer of the two), {@code status} and {@code version}.
     */
    @GET
    @Path("/{id}/health")
    public WhapiWebhookBodies.Health health(@PathParam("id") String id) {
        return lifecycle.health(id);
    }

    // No body: a call without a content type must not be turned away with 415.
    @POST
    @Path("/{id}/restart")
    @Consumes(MediaType.WILDCARD)
    public ChannelView restart(@PathParam("id") String id) {
        return ChannelView.of(lifecycle.restart(id));
    }

    /** Logs the WhatsApp account out: {@code users.delete}, then health QR with a new code. */
    @POST
    @Path("/{id}/logout")
    @Consumes(MediaType.WILDCARD)
    public ChannelView logout(@PathParam("id") String id) {
        return ChannelView.of(lifecycle.logout(id));
    }

    /** "Enable here": takes the session back from WhatsApp Web elsewhere; 409 "opened elsewhere" while that fails. */
    @POST
    @Path("/{id}/takeover")
    @Consumes(MediaType.WILDCARD)
    public ChannelView takeOver(@PathParam("id") String id) {
        return ChannelView.of(conflicts.takeOver(id));
    }

    private static WebhookTarget webhook(CreateChannelRequest.Webhook webhook) {
        if (webhook == null || blank(webhook.url())) {
            return null;
        }
        try {
            URI url = new URI(webhook.url().trim());
            if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    || url.getHost() == null) {
                throw ProviderException.badRequest("webhook.url must be an absolute http(s) URL");
            }
            return new WebhookTarget(url, webhook.headers());
        } catch (URISyntaxException e) {
            throw ProviderException.badRequest("webhook.url is not a valid URL");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
