package io.switchboard.simulator.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statuses the simulated Meta gave templates of each business account (through
 * {@code POST /control/cloud-numbers/{id}/meta/template}). A template never given one is approved, as in a sandbox
 * where every template is; one Meta paused, disabled or rejected is refused at the send with Meta's code.
 */
@ApplicationScoped
class CloudTemplates {

    /** Meta: the template is paused because of its low quality. */
    static final int PAUSED = 132015;
    /** Meta: the template is disabled because of its low quality. */
    static final int DISABLED = 132016;
    /** Meta: the template does not exist in that language, or is not approved. */
    static final int NOT_APPROVED = 132001;

    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    void set(String businessAccountId, String name, String language, String status) {
        statuses.put(key(businessAccountId, name, language), status.trim().toUpperCase(Locale.ROOT));
    }

    /** Refuses, as Meta does, a template whose status does not let its messages go. */
    void requireSendable(String businessAccountId, JsonNode template) {
        String name = template.path("name").asText("");
        String language = template.path("language").path("code").asText("");
        String status = statuses.get(key(businessAccountId, name, language));
        if (status == null) {
            return;
        }
        switch (status) {
            case "APPROVED", "FLAGGED", "REINSTATED" -> {}
            case "PAUSED" ->
                throw new CloudApiException(
                        400, PAUSED, "(#132015) Template is paused: " + name + " (" + language + ")");
            case "DISABLED" ->
                throw new CloudApiException(
                        400, DISABLED, "(#132016) Template is disabled: " + name + " (" + language + ")");
            default ->
                throw new CloudApiException(
                        400,
                        NOT_APPROVED,
                        "(#132001) Template name does not exist in the translation or is not approved: " + name + " ("
                                + language + ", " + status + ")");
        }
    }

    private static String key(String businessAccountId, String name, String language) {
        return businessAccountId + '\n' + name + '\n' + language;
    }
}
