package io.switchboard.channel.standing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.rest.client.reactive.ClientQueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Cloud API's read of a number's standing, relative to {@code switchboard.cloud-api.base-url}. */
@RegisterRestClient(configKey = "cloud-api")
@Path("/{phoneNumberId}")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${switchboard.cloud-api.access-token}")
public interface CloudNumberApi {

    /** {@code GET /{phone-number-id}?fields=health_status,quality_rating,messaging_limit_tier}. */
    @GET
    @ClientQueryParam(name = "fields", value = "health_status,quality_rating,messaging_limit_tier")
    NumberStanding standing(@PathParam("phoneNumberId") String phoneNumberId);

    /**
     * @param qualityRating GREEN, YELLOW, RED, UNKNOWN (or NA)
     * @param messagingLimitTier TIER_250, ...
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NumberStanding(
            @JsonProperty("quality_rating") String qualityRating,
            @JsonProperty("messaging_limit_tier") String messagingLimitTier,
            @JsonProperty("health_status") HealthStatus healthStatus) {}

    /** @param canSendMessage AVAILABLE, LIMITED or BLOCKED: the worst of its entities */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record HealthStatus(@JsonProperty("can_send_message") String canSendMessage, List<Entity> entities) {}

    /** The number, its business account, its app, its business: each with what it can send and why not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entity(
            @JsonProperty("entity_type") String entityType,
            String id,
            @JsonProperty("can_send_message") String canSendMessage,
            List<Error> errors) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(
            @JsonProperty("error_code") Long errorCode,
            @JsonProperty("error_description") String errorDescription,
            @JsonProperty("possible_solution") String possibleSolution) {}
}
