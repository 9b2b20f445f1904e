package io.switchboard.queue.sweep;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.message.Expiry;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.StoredMessage;
import io.switchboard.queue.message.Transition;
import io.switchboard.queue.metrics.QueueMetrics;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every accepted message reaches an end state: a held one (QUEUED or FROZEN) past its time-to-live ends EXPIRED, naming
 * the status that held it, and a deleted channel's held messages end CANCELLED. A message a dispatcher left DISPATCHING
 * (it died, or its stop outlasted its grace) on a channel that cannot send any more is held again (FROZEN, by the
 * channel's status) once the dispatcher's lease is over, so that it expires or is released like any other; on a channel
 * that can send, the dispatcher takes it over and sends it again with the same key. Durable: the deadline is the
 * message's own {@code expires_at}, so a restart or another replica picks up where this one was. In chunks, each under
 * its channels' locks (taken without waiting: a busy channel is swept on the next pass).
 */
@ApplicationScoped
public class Sweeper {

    private final Jdbc jdbc;
    private final MessageTransitions transitions;
    private final SweepSettings settings;
    private final QueueMetrics metrics;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final WakeableLoop loop;

    public Sweeper(
            Jdbc jdbc,
            MessageTransitions transitions,
            SweepSettings settings,
            QueueMetrics metrics,
            TransactionSynchronizationRegistry transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.settings = settings;
        this.metrics = metrics;
        this.transactions = transactions;
        this.clock = clock;
        this.loop = new WakeableLoop("message-sweeper", settings.interval(), this::sweep);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    public void wakeAfterCommit() {
        loop.wakeAfterCommit(transactions);
    }

    /** One pass; visible for tests that move the clock. */
    public void sweep() {
        long start = System.nanoTime();
        while (loop.running() && QuarkusTransaction.requiringNew().call(this::holdOrphansChunk) == settings.chunk()) {
            // more messages left by dispatchers that stopped
        }
        while (loop.running() && QuarkusTransaction.requiringNew().call(this::expireChunk) == settings.chunk()) {
            // a full chunk: more may be due
        }
        while (loop.running() && QuarkusTransaction.requiringNew().call(this::cancelDeletedChunk) == settings.chunk()) {
            // more of a deleted channel's queue
        }
        QuarkusTransaction.requiringNew()
                .run(() -> jdbc.update(
                        "DELETE FROM unmatched_receipt WHERE received_at < ?",
                        p -> p.instant(clock.instant().minus(settings.unmatchedReceiptRetention()))));
        metrics.swept(Duration.ofNanos(System.nanoTime() - start));
    }

    private int expireChunk() {
        Instant now = clock.instant();
        List<String> channels = jdbc.query("""
                SELECT DISTINCT channel_id FROM outbound_message
                WHERE state IN ('QUEUED', 'FROZEN') AND expires_at <= ? LIMIT 100""", p -> p.instant(now), row -> row.getString("channel_id"));
        Map<String, ChannelLane> locked = lockWithoutWaiting(channels);
        if (locked.isEmpty()) {
            return 0;
        }
        List<Transition> expire = new ArrayList<>();
        for (StoredMessage message : jdbc.query(
                "SELECT " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = ANY (?) AND m.state IN ('QUEUED', 'FROZEN')
                  AND m.expires_at <= ? ORDER BY m.channel_id, m.seq LIMIT ?""",
                p -> p.strings(locked.keySet()).instant(now).integer(settings.chunk()),
                StoredMessage::read)) {
            ChannelLane lane = locked.get(message.channelId());
            expire.add(Expiry.of(message, lane.status(), lane.sendPolicy() == SendPolicy.SEND));
        }
        int moved = transitions.apply(expire).size();
        metrics.expired(moved);
        return expire.size();
    }

    /** DISPATCHING messages of channels that cannot send, whose dispatcher's lease is over: FROZEN again. */
    private int holdOrphansChunk() {
        Instant now = clock.instant();
        Map<String, ChannelLane> locked = new LinkedHashMap<>();
        jdbc.query("SELECT " + ChannelLane.COLUMNS + " " + """
                 FROM channel_lane c
                WHERE c.channel_id IN (SELECT channel_id FROM outbound_message WHERE state = 'DISPATCHING')
                  AND (c.send_policy <> 'SEND' OR c.held OR c.provider_channel_id IS NULL OR c.status = 'DELETED')
                  AND (c.lease_until IS NULL OR c.lease_until < ?)
                ORDER BY c.channel_id LIMIT 100 FOR UPDATE OF c SKIP LOCKED""", p -> p.instant(now), ChannelLane::read)
                .forEach(lane -> locked.put(lane.channelId(), lane));
        if (locked.isEmpty()) {
            return 0;
        }
        List<StoredMessage> orphans = jdbc.query(
                "SELECT " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = ANY (?) AND m.state = 'DISPATCHING'
                ORDER BY m.channel_id, m.seq LIMIT ?""",
                p -> p.strings(locked.keySet()).integer(settings.chunk()),
                StoredMessage::read);
        transitions.apply(orphans.stream()
                .map(message -> Transition.of(
                                message,
                                MessageState.FROZEN,
                                "held again: the dispatcher that had it stopped before its outcome was known; it goes again (same key)"
                                        + " when the channel can send")
                        .heldBy(locked.get(message.channelId()).status()))
                .toList());
        jdbc.update(
                "UPDATE channel_lane SET has_pending = true WHERE channel_id = ANY (?)",
                p -> p.strings(locked.keySet()));
        return orphans.size();
    }

    private int cancelDeletedChunk() {
        Map<String, ChannelLane> locked = new LinkedHashMap<>();
        jdbc.query("SELECT " + ChannelLane.COLUMNS + " " + """
                 FROM channel_lane c WHERE c.status = 'DELETED' AND c.has_pending
                ORDER BY c.channel_id LIMIT 100 FOR UPDATE SKIP LOCKED""", p -> {}, ChannelLane::read)
                .forEach(lane -> locked.put(lane.channelId(), lane));
        if (locked.isEmpty()) {
            return 0;
        }
        List<StoredMessage> held = jdbc.query(
                "SELECT " + StoredMessage.COLUMNS + " " + """
                 FROM outbound_message m WHERE m.channel_id = ANY (?) AND m.state IN ('QUEUED', 'FROZEN')
                ORDER BY m.channel_id, m.seq LIMIT ?""",
                p -> p.strings(locked.keySet()).integer(settings.chunk()),
                StoredMessage::read);
        int moved = transitions
                .apply(held.stream()
                        .map(message -> Transition.of(message, MessageState.CANCELLED, "channel deleted")
                                .heldBy(message.heldBy()))
                        .toList())
                .size();
        metrics.cancelled(moved);
        if (held.size() < settings.chunk()) {
            jdbc.update(
                    "UPDATE channel_lane SET has_pending = false WHERE channel_id = ANY (?)",
                    p -> p.strings(locked.keySet()));
        }
        return held.size();
    }

    private Map<String, ChannelLane> lockWithoutWaiting(List<String> channelIds) {
        Map<String, ChannelLane> locked = new LinkedHashMap<>();
        if (channelIds.isEmpty()) {
            return locked;
        }
        jdbc.query(
                        "SELECT " + ChannelLane.COLUMNS
                                + " FROM channel_lane c WHERE c.channel_id = ANY (?) ORDER BY c.channel_id FOR UPDATE SKIP LOCKED",
                        p -> p.strings(channelIds),
                        ChannelLane::read)
                .forEach(lane -> locked.put(lane.channelId(), lane));
        return locked;
    }
}
