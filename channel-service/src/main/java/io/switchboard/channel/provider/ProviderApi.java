package io.switchboard.channel.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The provider's partner API (Whapi-style): create, restart, log out and take over channel sessions. */
@RegisterRestClient(configKey = "provider")
@Path("/partner/v1/channels")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${switchboard.provider.api-key}")
public interface ProviderApi {

    @POST
    ProviderChannel createChannel(CreateProviderChannel request);

    @POST
    @Path("/{id}/restart")
    void restart(@PathParam("id") String providerChannelId);

    /** Logs the WhatsApp account out of the session: the provider shows a new QR code. */
    @POST
    @Path("/{id}/logout")
    void logout(@PathParam("id") String providerChannelId);

    /** "Enable here": takes the number back from another WhatsApp Web session; 409 while it fails. */
    @POST
    @Path("/{id}/takeover")
    void takeOver(@PathParam("id") String providerChannelId);

    /** The session's health now, as a health webhook would tell it (Whapi {@code GET /health}). */
    @GET
    @Path("/{id}/health")
    ProviderHealth health(@PathParam("id") String providerChannelId);

    /** Asks the provider for a session that posts its webhooks to {@code webhook.url} with {@code webhook.headers}. */
    record CreateProviderChannel(String name, String phone, Webhook webhook) {}

    record Webhook(String url, Map<String, String> headers) {}

    record ProviderChannel(String id, String status) {}

    /** The provider's health object: session start (epoch seconds), seconds since, and the status. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProviderHealth(@JsonProperty("start_at") long startAt, long uptime, Status status) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Status(int code, String text) {}
    }
}
