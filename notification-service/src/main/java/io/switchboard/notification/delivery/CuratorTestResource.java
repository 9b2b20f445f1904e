package io.switchboard.notification.delivery;

import io.switchboard.notification.curator.Curator;
import io.switchboard.notification.curator.Curators;
import io.switchboard.notification.curator.NotificationKind;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A curator's test notifications: sent on request, and followed until delivered or dead. */
@Path("/v1/curators/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class CuratorTestResource {

    static final String TEST_TYPE = "curator.test";

    private final Curators curators;
    private final CurrentAccount account;
    private final Notifier notifier;
    private final Deliveries deliveries;

    public CuratorTestResource(Curators curators, CurrentAccount account, Notifier notifier, Deliveries deliveries) {
        this.curators = curators;
        this.account = account;
        this.notifier = notifier;
        this.deliveries = deliveries;
    }

    /**
     * Sends the curator a sample notification by each medium it has, email and webhook (202 with the deliveries, each
     * readable on {@code GET /v1/curators/{id}/test/{deliveryId}}); 409 when it has neither an email address nor a
     * working webhook.
     */
    @POST
    @Consumes(MediaType.WILDCARD) // no body
    @Transactional
    public Response test(@PathParam("id") String id) {
        Curator curator = curators.ofAccount(account.id(), id);
        String text = "A test notification from Switchboard for " + curator.name + ": notifications reach you here.";
        List<Delivery> made = notifier.tell(
                curator,
                new Notice(
                        curator.accountId,
                        null,
                        NotificationKind.CHANNEL_STATUS,
                        TEST_TYPE,
                        "Switchboard test notification",
                        text,
                        Map.of("accountId", curator.accountId, "curatorId", curator.id.toString())));
        if (made.isEmpty()) {
            throw ProblemException.conflict(
                    "no-receiver",
                    "Nothing to test",
                    "The curator's webhook is disabled: " + curator.webhookDisabledReason
                            + "; replace it to enable it, or give the curator an email address");
        }
        return Response.accepted(new TestDeliveries(made.stream()
                        .map(d -> new TestDelivery(d.id, d.medium, d.state.name(), 0, null, null))
                        .toList()))
                .build();
    }

    @GET
    @Path("/{deliveryId}")
    @Transactional
    public TestDelivery testDelivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Curator curator = curators.ofAccount(account.id(), id);
        UUID delivery;
        try {
            delivery = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Delivery", deliveryId);
        }
        return deliveries
                .find("id = ?1 and curatorId = ?2 and kind = ?3", delivery, curator.id, TEST_TYPE)
                .firstResultOptional()
                .map(d -> new TestDelivery(d.id, d.medium, d.state.name(), d.attempts, d.lastStatus, d.lastError))
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
    }

    public record TestDeliveries(List<TestDelivery> deliveries) {}

    /** A test delivery: {@code id} is its {@code webhook-id}, or the email's notification id. */
    public record TestDelivery(
            UUID id, Delivery.Medium medium, String state, int attempts, Integer lastStatus, String lastError) {}
}
