package io.switchboard.simulator.message;

import io.switchboard.simulator.channel.ChannelRegistry;
import io.switchboard.simulator.channel.SimulatedChannel;
import io.switchboard.simulator.http.ApiKeyRequired;
import io.switchboard.simulator.http.ProviderException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The provider's send API. */
@Path("/v1/channels/{id}/messages")
@ApiKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Provider API")
public class MessageResource {

    /** Whapi's exact words while a channel cannot send (during a reconnect, phone offline, opened elsewhere). */
    static final String NEED_AUTHORIZATION = "need channel authorization";

    private final ChannelRegistry channels;
    private final Recipients recipients;

    public MessageResource(ChannelRegistry channels, Recipients recipients) {
        this.channels = channels;
        this.recipients = recipients;
    }

    @POST
    @Path("/text")
    public SendResult sendText(@PathParam("id") String channelId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            SendTextRequest request) {
        SimulatedChannel channel = channels.get(channelId);
        if (request == null || blank(request.to()) || blank(request.body())) {
            throw ProviderException.badRequest("to and body are required");
        }
        // Checked first, as the provider does: a retry during a reconnect is refused even if the first try got through.
        if (!channel.canSend()) {
            throw new ProviderException(401, NEED_AUTHORIZATION);
        }
        return recipients.deliver(channel.id(), channel.phone(), request.to().trim(), request.body(),
                blank(idempotencyKey) ? null : idempotencyKey);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
