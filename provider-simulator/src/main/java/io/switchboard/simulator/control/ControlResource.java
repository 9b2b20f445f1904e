package io.switchboard.simulator.control;

import io.switchboard.simulator.channel.ChannelLifecycle;
import io.switchboard.simulator.channel.ChannelRegistry;
import io.switchboard.simulator.channel.HealthStatus;
import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.message.ReceivedMessage;
import io.switchboard.simulator.message.Recipients;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scripts the simulated phones and inspects what they received. For tests and demos only, so it takes no key: the real
 * provider has nothing like it.
 */
@Path("/control")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Control API")
public class ControlResource {

    private final ChannelRegistry channels;
    private final ChannelLifecycle lifecycle;
    private final Recipients recipients;

    public ControlResource(ChannelRegistry channels, ChannelLifecycle lifecycle, Recipients recipients) {
        this.channels = channels;
        this.lifecycle = lifecycle;
        this.recipients = recipients;
    }

    @GET
    @Path("/channels")
    public List<ControlChannelView> channels() {
        return channels.all().stream().map(ControlChannelView::of).toList();
    }

    @GET
    @Path("/channels/{id}")
    public ControlChannelView channel(@PathParam("id") String id) {
        return ControlChannelView.of(channels.get(id));
    }

    @POST
    @Path("/channels/{id}/scan")
    public ControlChannelView scan(@PathParam("id") String id) {
        return ControlChannelView.of(lifecycle.scan(id));
    }

    @POST
    @Path("/channels/{id}/health")
    @Consumes(MediaType.APPLICATION_JSON)
    public ControlChannelView health(@PathParam("id") String id, HealthRequest request) {
        HealthStatus status = HealthStatus.parse(request == null ? null : request.status())
                .orElseThrow(() -> ProviderException.badRequest("status must be one of " + Arrays.toString(HealthStatus.values())));
        return ControlChannelView.of(lifecycle.pushHealth(id, status));
    }

    @POST
    @Path("/channels/{id}/logout")
    public ControlChannelView logout(@PathParam("id") String id) {
        return ControlChannelView.of(lifecycle.logout(id));
    }

    @GET
    @Path("/channels/{id}/messages")
    public List<ReceivedMessage> messagesOf(@PathParam("id") String id) {
        return recipients.ofChannel(channels.get(id).id());
    }

    @GET
    @Path("/messages")
    public List<ReceivedMessage> messages(@QueryParam("to") String to) {
        return recipients.to(to);
    }

    @POST
    @Path("/reset")
    public void reset() {
        lifecycle.reset();
        recipients.clear();
    }
}
