package io.switchboard.notification.delivery;

import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deliveries that failed their last attempt: {@code ops} lists them and sends one again. */
@Path("/v1/ops/dead-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class DeadDeliveryResource {

    private final Deliveries deliveries;
    private final DeliveryWorker worker;
    private final Clock clock;

    public DeadDeliveryResource(Deliveries deliveries, DeliveryWorker worker, Clock clock) {
        this.deliveries = deliveries;
        this.worker = worker;
        this.clock = clock;
    }

    @GET
    @Transactional
    public DeadPage list(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        List<Delivery> rows = deliveries.dead(page, size);
        return new DeadPage(rows.stream().limit(size).map(DeadDelivery::of).toList(), page, size, rows.size() > size);
    }

    /** Sends it again from the first attempt, with the same {@code webhook-id}; 409 unless it is dead. */
    @POST
    @Path("/{id}/replay")
    @Transactional
    public Response replay(@PathParam("id") String id) {
        Delivery delivery;
        try {
            delivery = deliveries.findById(UUID.fromString(id), LockModeType.PESSIMISTIC_WRITE);
        } catch (IllegalArgumentException e) {
            delivery = null;
        }
        if (delivery == null) {
            throw ProblemException.notFound("Delivery", id);
        }
        if (delivery.state != Delivery.State.DEAD) {
            throw new ProblemException(Problem.of(
                    409,
                    "delivery-not-dead",
                    "Delivery is not dead",
                    "Delivery " + id + " is " + delivery.state + "; only a dead one is replayed"));
        }
        delivery.state = Delivery.State.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = clock.instant();
        delivery.finishedAt = null;
        worker.wakeAfterCommit();
        return Response.accepted(DeadDelivery.of(delivery)).build();
    }

    public record DeadPage(List<DeadDelivery> items, int page, int size, boolean more) {}

    public record DeadDelivery(
            UUID id,
            String accountId,
            UUID curatorId,
            String kind,
            Delivery.State state,
            int attempts,
            Integer lastStatus,
            String lastError,
            Instant createdAt,
            Instant finishedAt) {

        static DeadDelivery of(Delivery delivery) {
            return new DeadDelivery(
                    delivery.id,
                    delivery.accountId,
                    delivery.curatorId,
                    delivery.kind,
                    delivery.state,
                    delivery.attempts,
                    delivery.lastStatus,
                    delivery.lastError,
                    delivery.createdAt,
                    delivery.finishedAt);
        }
    }
}
