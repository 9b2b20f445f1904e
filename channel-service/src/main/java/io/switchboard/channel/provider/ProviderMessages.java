package io.switchboard.channel.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The provider's message API (Whapi-style), for the delivery watchdog's probes only: the queue sends the rest. */
@RegisterRestClient(configKey = "provider")
@Path("/v1/channels")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${switchboard.provider.api-key}")
public interface ProviderMessages {

    /** {@code POST /v1/channels/{id}/messages/text}: answers {@code {"sent":true,"message":{"id":...}}}. */
    @POST
    @Path("/{id}/messages/text")
    SentText sendText(
            @PathParam("id") String providerChannelId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            TextMessage message);

    record TextMessage(String to, String body) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SentText(boolean sent, Message message) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Message(String id) {}
    }
}
