package io.switchboard.simulator.webhook;

import java.net.URI;
import java.util.Map;

/** Where a channel's webhooks go, and the headers (such as a shared secret) each one carries. */
public record WebhookTarget(URI url, Map<String, String> headers) {

    public WebhookTarget {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
