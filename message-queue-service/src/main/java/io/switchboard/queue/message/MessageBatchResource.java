package io.switchboard.queue.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import io.switchboard.platform.rest.ProblemMappers;
import io.switchboard.platform.rest.StrictJsonResolver;
import io.switchboard.queue.channel.ChannelLanes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The batch form of accepting messages: {@code POST /v1/channels/{id}/messages:batch}. */
@Path("/v1/channels/{channelId}/messages:batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class MessageBatchResource {

    private final Acceptance acceptance;
    private final ChannelLanes lanes;
    private final CurrentAccount account;
    private final Validator validator;
    /** Reads each item as strictly as a single message's body. */
    private final ObjectMapper items;

    public MessageBatchResource(
            Acceptance acceptance,
            ChannelLanes lanes,
            CurrentAccount account,
            Validator validator,
            ObjectMapper mapper) {
        this.acceptance = acceptance;
        this.lanes = lanes;
        this.account = account;
        this.validator = validator;
        this.items = StrictJsonResolver.strict(mapper);
    }

    /**
     * Up to 500 messages in one transaction, in their order; 200 with one result per message: 202 and the message, or
     * its problem (400, 409). A refused message changes nothing; the others are accepted.
     */
    @POST
    public BatchResult sendBatch(
            @PathParam("channelId") String channelId,
            @NotNull(message = "a JSON body is required") @Valid SendBatchRequest request) {
        List<BatchItemResult> results = new ArrayList<>();
        List<Acceptance.Item> valid = new ArrayList<>();
        List<Integer> validIndexes = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            JsonNode item = request.messages().get(i);
            results.add(null);
            if (item == null || item.isNull()) {
                results.set(i, BatchItemResult.refused(i, Problem.invalidField("messages[" + i + "]", "is required")));
                continue;
            }
            SendMessageRequest message;
            try {
                message = items.treeToValue(item, SendMessageRequest.class);
            } catch (JsonProcessingException e) {
                results.set(i, BatchItemResult.refused(i, ProblemMappers.malformed(e, "messages[" + i + "].")));
                continue;
            }
            Set<ConstraintViolation<SendMessageRequest>> violations = validator.validate(message);
            if (!violations.isEmpty()) {
                results.set(i, BatchItemResult.refused(i, invalid(i, violations)));
                continue;
            }
            try {
                valid.add(MessageResource.item(message));
                validIndexes.add(i);
            } catch (ProblemException e) {
                results.set(i, BatchItemResult.refused(i, e.problem()));
            }
        }
        List<Acceptance.Outcome> outcomes =
                valid.isEmpty() ? List.of() : acceptance.accept(account.id(), channelId, valid);
        if (valid.isEmpty()) {
            lanes.ofAccount(account.id(), channelId); // 404 for a channel the caller does not have, as with messages
        }
        for (int i = 0; i < outcomes.size(); i++) {
            int index = validIndexes.get(i);
            Acceptance.Outcome outcome = outcomes.get(i);
            results.set(
                    index,
                    outcome instanceof Acceptance.Accepted accepted
                            ? new BatchItemResult(
                                    index, 202, MessageView.of(accepted.message()), accepted.repeated(), null)
                            : BatchItemResult.refused(index, ((Acceptance.Refused) outcome).problem()));
        }
        long accepted =
                results.stream().filter(result -> result.status() == 202).count();
        return new BatchResult(accepted, results.size() - accepted, results);
    }

    private static Problem invalid(int index, Set<ConstraintViolation<SendMessageRequest>> violations) {
        List<Map<String, String>> listed = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return Problem.of(
                        400,
                        "invalid-request",
                        "Invalid request",
                        "messages[" + index + "]: "
                                + listed.stream()
                                        .map(v -> v.get("field") + ": " + v.get("message"))
                                        .collect(Collectors.joining("; ")))
                .with("violations", listed);
    }

    /** @param status 202 accepted (or repeated), else the problem's status */
    public record BatchItemResult(
            int index, int status, MessageView message, boolean repeated, Map<String, Object> problem) {

        static BatchItemResult refused(int index, Problem problem) {
            return new BatchItemResult(index, problem.status(), null, false, problem.body());
        }
    }

    public record BatchResult(long accepted, long refused, List<BatchItemResult> results) {}
}
