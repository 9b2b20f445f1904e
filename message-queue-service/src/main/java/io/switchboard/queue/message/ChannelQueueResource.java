package io.switchboard.queue.message;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.auth.CurrentAccount;
import io.switchboard.platform.auth.Roles;
import io.switchboard.platform.rest.Paging;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.ReleaseMode;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A channel's queue: whether it can send now, what it holds (counts by state, the oldest age, a page of the held
 * messages with state, reason and age), and the two things a person does to it: release a backlog held for them, or
 * clear it.
 */
@Path("/v1/channels/{channelId}/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.OPS})
public class ChannelQueueResource {

    private final ChannelLanes lanes;
    private final Messages messages;
    private final MessageControl control;
    private final CurrentAccount account;
    private final Clock clock;

    public ChannelQueueResource(
            ChannelLanes lanes, Messages messages, MessageControl control, CurrentAccount account, Clock clock) {
        this.lanes = lanes;
        this.messages = messages;
        this.control = control;
        this.account = account;
        this.clock = clock;
    }

    @GET
    public ChannelQueue get(
            @PathParam("channelId") String channelId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return QuarkusTransaction.requiringNew().call(() -> {
            ChannelLanes.LaneWithSettings locked = lanes.readOfAccount(account.id(), channelId);
            return view(
                    locked.lane(),
                    locked.settings(),
                    messages.pendingCounts(channelId),
                    messages.pendingPage(channelId, page, size),
                    page,
                    size);
        });
    }

    /** Cancels every held message (QUEUED or FROZEN): CANCELLED; a backlog held for release is held no longer. */
    @DELETE
    public Cleared clear(@PathParam("channelId") String channelId) {
        return new Cleared(channelId, control.clear(account.id(), channelId));
    }

    /** Releases a backlog held for a person (release mode HOLD): sent now, paced; 409 while the channel cannot send. */
    @POST
    @Path("/release")
    public Released release(@PathParam("channelId") String channelId) {
        return new Released(channelId, control.release(account.id(), channelId));
    }

    private ChannelQueue view(
            ChannelLane lane,
            AccountSettings settings,
            Map<MessageState, Messages.PendingCount> counts,
            List<StoredMessage> page,
            int pageNumber,
            int size) {
        Instant now = clock.instant();
        Map<MessageState, Long> byState = new EnumMap<>(MessageState.class);
        Instant oldest = null;
        for (Map.Entry<MessageState, Messages.PendingCount> count : counts.entrySet()) {
            byState.put(count.getKey(), count.getValue().count());
            Instant since = count.getValue().oldestCreatedAt();
            oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
        }
        long frozen = byState.getOrDefault(MessageState.FROZEN, 0L);
        long queued = byState.getOrDefault(MessageState.QUEUED, 0L);
        long dispatching = byState.getOrDefault(MessageState.DISPATCHING, 0L);
        SendPolicy policy = settings.policyFor(lane.status(), lane.sendPolicy());
        List<HeldMessage> items = page.stream()
                .map(message -> new HeldMessage(
                        message.id(),
                        message.chatId(),
                        message.state(),
                        reason(lane, message),
                        heldBy(lane, message),
                        ageSeconds(message.createdAt(), now),
                        message.createdAt(),
                        message.expiresAt()))
                .toList();
        return new ChannelQueue(
                lane.channelId(),
                lane.status(),
                policy,
                lane.requiredAction(),
                lane.requiredAction().description(),
                lane.kind(),
                lane.version(),
                new Release(
                        settings.releaseMode(), lane.held(), lane.backlogThroughSeq() != null, lane.releaseStartedAt()),
                frozen,
                queued + dispatching,
                frozen + queued + dispatching,
                byState,
                oldest == null ? null : ageSeconds(oldest, now),
                items,
                pageNumber,
                size);
    }

    /** A QUEUED message of a channel that cannot send now waits for the channel, whatever its stored reason says. */
    private static String reason(ChannelLane lane, StoredMessage message) {
        if (message.state() == MessageState.QUEUED && lane.sendPolicy() != SendPolicy.SEND) {
            return "channel " + lane.status();
        }
        return message.reason();
    }

    private static ChannelStatus heldBy(ChannelLane lane, StoredMessage message) {
        if (message.state() == MessageState.QUEUED && lane.sendPolicy() != SendPolicy.SEND) {
            return lane.status();
        }
        return message.heldBy();
    }

    private static long ageSeconds(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toSeconds());
    }

    /**
     * @param sendPolicy what a new message meets now (the account's override, else the catalogue's)
     * @param frozen held until the channel can send (or a person releases the backlog)
     * @param queued about to go out, or on their way (QUEUED and DISPATCHING)
     * @param held every message not yet sent
     * @param oldestHeldAgeSeconds age of the oldest of them; null when there is none
     * @param items a page of them, oldest first
     */
    public record ChannelQueue(
            String channelId,
            ChannelStatus status,
            SendPolicy sendPolicy,
            RequiredAction requiredAction,
            String requiredActionText,
            ChannelKind kind,
            long version,
            Release release,
            long frozen,
            long queued,
            long held,
            Map<MessageState, Long> counts,
            Long oldestHeldAgeSeconds,
            List<HeldMessage> items,
            int page,
            int size) {}

    /**
     * @param held the backlog waits for a person (release mode HOLD): {@code POST .../queue/release} or
     *        {@code DELETE .../queue}
     * @param releasing a released backlog is being sent, paced
     */
    public record Release(ReleaseMode mode, boolean held, boolean releasing, Instant releaseStartedAt) {}

    public record HeldMessage(
            String id,
            String chatId,
            MessageState state,
            String reason,
            ChannelStatus heldBy,
            long ageSeconds,
            Instant createdAt,
            Instant expiresAt) {}

    public record Cleared(String channelId, long cancelled) {}

    /** @param released a held backlog was released (false: nothing was held) */
    public record Released(String channelId, boolean released) {}
}
