package io.switchboard.simulator.cloud;

import io.switchboard.simulator.http.ProviderException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Meta app's webhook callback URL, as its dashboard sets it ({@code simulator.meta.webhook-url} at start). */
@Path("/control/meta/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Control API")
public class MetaAppControl {

    /** {@code url}: where Meta's webhooks of every Cloud API number go; null: nowhere. */
    public record CallbackRequest(String url) {}

    private final MetaWebhooks webhooks;

    public MetaAppControl(MetaWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    public Map<String, Object> get() {
        Map<String, Object> view = new HashMap<>();
        view.put(
                "url",
                webhooks.callbackUrl() == null ? null : webhooks.callbackUrl().toString());
        return view;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> set(CallbackRequest request) {
        if (request == null || request.url() == null || request.url().isBlank()) {
            webhooks.callbackUrl(null);
            return get();
        }
        URI url;
        try {
            url = URI.create(request.url().trim());
        } catch (IllegalArgumentException e) {
            throw ProviderException.badRequest("url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw ProviderException.badRequest("url must be http or https");
        }
        webhooks.callbackUrl(url);
        return get();
    }
}
