package io.switchboard.queue.status;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.events.EventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import io.switchboard.queue.account.ReleaseMode;
import io.switchboard.queue.account.SettingsByAccount;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import io.switchboard.queue.dispatch.Dispatcher;
import io.switchboard.queue.sql.Jdbc;
import io.switchboard.queue.sweep.Sweeper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps the channel lanes from {@code channel.status.v1} (a newer version replaces an older one, an older one is
 * ignored) and acts on what a change means for the channel's queue:
 * <ul>
 * <li>it can send again and holds messages: the backlog is released at once (release mode AUTO), paced, or held for
 * a person (HOLD);</li>
 * <li>it was deleted: its held messages end CANCELLED (the sweeper does it, in chunks);</li>
 * <li>it stopped sending: nothing moves, the dispatcher takes no more of its messages.</li>
 * </ul>
 */
@ApplicationScoped
class ChannelStatusConsumer implements EventConsumer<ChannelStatusChanged> {

    private static final Subscription<ChannelStatusChanged> SUBSCRIPTION =
            Subscription.of("channel-status", Streams.CHANNEL_STATUS).versioned();

    private static final String UPSERT = """
            INSERT INTO channel_lane (channel_id, account_id, status, send_policy, required_action, provider_channel_id,
                kind, version, updated_at, messaging_limit)
            SELECT u.channel_id, u.account_id, u.status, u.send_policy, u.required_action, u.provider_channel_id,
                COALESCE(u.kind, 'WEB_SESSION'), u.version, u.updated_at::timestamptz, u.messaging_limit
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                        ?::int8[], ?::varchar[], ?::int4[])
                AS u(channel_id, account_id, status, send_policy, required_action, provider_channel_id, kind, version, updated_at,
                     messaging_limit)
            ON CONFLICT (channel_id) DO UPDATE SET account_id = excluded.account_id, status = excluded.status,
                send_policy = excluded.send_policy, required_action = excluded.required_action,
                provider_channel_id = COALESCE(excluded.provider_channel_id, channel_lane.provider_channel_id),
                kind = excluded.kind, version = excluded.version, updated_at = excluded.updated_at,
                messaging_limit = excluded.messaging_limit,
                next_send_at = CASE WHEN channel_lane.waits_for_chats
                        AND excluded.messaging_limit IS DISTINCT FROM channel_lane.messaging_limit
                    THEN LEAST(channel_lane.next_send_at, excluded.updated_at) ELSE channel_lane.next_send_at END,
                waits_for_chats = channel_lane.waits_for_chats
                    AND excluded.messaging_limit IS NOT DISTINCT FROM channel_lane.messaging_limit""";

    private final Jdbc jdbc;
    private final ChannelLanes lanes;
    private final SettingsByAccount settings;
    private final Dispatcher dispatcher;
    private final Sweeper sweeper;
    private final Clock clock;

    public ChannelStatusConsumer(
            Jdbc jdbc,
            ChannelLanes lanes,
            SettingsByAccount settings,
            Dispatcher dispatcher,
            Sweeper sweeper,
            Clock clock) {
        this.jdbc = jdbc;
        this.lanes = lanes;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.sweeper = sweeper;
        this.clock = clock;
    }

    @Override
    public Subscription<ChannelStatusChanged> subscription() {
        return SUBSCRIPTION;
    }

    /** The batch's channels locked in one statement; each ends at its newest version; then what that means. */
    @Override
    public void applyAll(List<Received<ChannelStatusChanged>> events) {
        Map<String, ChannelLane> before =
                lanes.lockAll(events.stream().map(e -> e.payload().channelId()).collect(Collectors.toSet()));
        Map<String, ChannelStatusChanged> newest = new LinkedHashMap<>();
        for (Received<ChannelStatusChanged> received : events) {
            ChannelStatusChanged event = received.payload();
            ChannelLane known = before.get(event.channelId());
            ChannelStatusChanged seen = newest.get(event.channelId());
            long version = seen != null ? seen.version() : known != null ? known.version() : Long.MIN_VALUE;
            if (event.version() > version) {
                newest.put(event.channelId(), event);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        upsert(newest.values());
        Instant now = clock.instant();
        for (ChannelStatusChanged event : newest.values()) {
            ChannelLane old = before.get(event.channelId());
            boolean wasSending = old != null && old.sendPolicy() == SendPolicy.SEND;
            boolean sending = event.sendPolicy() == SendPolicy.SEND;
            if (event.status() == ChannelStatus.DELETED) {
                if (old == null || old.status() != ChannelStatus.DELETED) {
                    lanes.markDeleted(event.channelId());
                    sweeper.wakeAfterCommit();
                }
            } else if (sending && !wasSending) {
                canSendAgain(event, old, now);
            } else if (sending && old.unauthorizedStreak() > 0) {
                // A fresh sending status cuts short the back-off after "need channel authorization" answers.
                lanes.startRelease(event.channelId(), old.backlogThroughSeq(), now);
                dispatcher.wakeAfterCommit();
            } else if (!sending && wasSending) {
                dispatcher.stopAfterCommit(event.channelId());
            }
        }
    }

    private void canSendAgain(ChannelStatusChanged event, ChannelLane old, Instant now) {
        Optional<Long> backlog = lanes.lastPendingSeq(event.channelId());
        if (backlog.isEmpty() || (old != null && old.held())) {
            return; // nothing waits, or it still waits for a person
        }
        if (settings.of(event.accountId()).releaseMode() == ReleaseMode.HOLD) {
            lanes.hold(event.channelId());
        } else {
            lanes.startRelease(event.channelId(), backlog.get(), now);
            dispatcher.wakeAfterCommit();
        }
    }

    private void upsert(java.util.Collection<ChannelStatusChanged> events) {
        jdbc.update(
                UPSERT,
                p -> p.strings(events.stream()
                                .map(ChannelStatusChanged::channelId)
                                .toList())
                        .strings(events.stream()
                                .map(ChannelStatusChanged::accountId)
                                .toList())
                        .strings(events.stream().map(e -> e.status().name()).toList())
                        .strings(events.stream().map(e -> e.sendPolicy().name()).toList())
                        .strings(events.stream()
                                .map(e -> e.requiredAction().name())
                                .toList())
                        .strings(events.stream()
                                .map(ChannelStatusChanged::providerChannelId)
                                .toList())
                        .strings(events.stream()
                                .map(e -> e.kind() == null ? null : e.kind().name())
                                .toList())
                        .longs(events.stream()
                                .map(ChannelStatusChanged::version)
                                .toList())
                        .strings(events.stream()
                                .map(e -> e.occurredAt().toString())
                                .toList())
                        .ints(events.stream()
                                .map(ChannelStatusConsumer::conversationLimit)
                                .toList()));
    }

    /**
     * (A lane put off until its messaging limit frees a conversation is due again when the limit changes.) How many
     * clients a Cloud API number may begin a conversation with per rolling 24 hours: Meta's messaging limit,
     * none while Meta restricts business-initiated messaging; null when unlimited or not known.
     */
    static Integer conversationLimit(ChannelStatusChanged event) {
        CloudStanding cloud = event.cloud();
        if (cloud == null) {
            return null;
        }
        if (cloud.restriction() == MessagingRestriction.BUSINESS_INITIATED) {
            return 0;
        }
        return cloud.messagingLimit() == null
                ? null
                : cloud.messagingLimit().conversations().orElse(null);
    }
}
