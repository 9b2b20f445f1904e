package io.switchboard.queue.dispatch;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The provider's send API (Whapi-style). The idempotency key makes a repeated send deliver once. */
@RegisterRestClient(configKey = "provider")
@Path("/v1/channels")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${switchboard.provider.api-key}")
public interface ProviderMessagesApi {

    @POST
    @Path("/{providerChannelId}/messages/text")
    SendResult sendText(@PathParam("providerChannelId") String providerChannelId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, SendText request);

    record SendText(String to, String body) {
    }

    record SendResult(boolean sent, SentMessage message) {
    }

    record SentMessage(String id, String status) {
    }
}
