package io.switchboard.simulator.channel;

import io.switchboard.simulator.http.ApiKeyRequired;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The QR code a phone would scan, while the channel waits for one. Each entry into QR gives a new code. */
@Path("/v1/channels/{id}/qr")
@ApiKeyRequired
@Tag(name = "Provider API")
public class QrCodeResource {

    private final ChannelRegistry registry;

    public QrCodeResource(ChannelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces("image/png")
    public byte[] qr(@PathParam("id") String id) {
        return registry.get(id).scannableQr().png();
    }
}
