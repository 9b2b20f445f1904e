package io.switchboard.systemtest.soak;

import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.systemtest.soak.SoakWorld.Channel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's load through the public APIs and the simulator: sends with and without idempotency keys (a keyed send
 * that got no answer is sent again with its key, an unkeyed one is not), scripted trouble on the provider side (flaps,
 * phones away, logouts followed by a new QR scan), payments, and a curator receiver that goes down for a while.
 */
final class SoakTraffic implements AutoCloseable {

    static final List<String> CHATS = List.of("+14155560101", "+14155560102", "+14155560103");
    private static final int SENDERS = 4;

    /** What became of one send. */
    enum Outcome {
        ACCEPTED,
        REFUSED,
        UNKNOWN
    }

    /** One send: per (channel, chat) its {@code seq} is the acceptance order the phone must see. */
    record Send(
            Channel channel,
            String chat,
            int seq,
            String text,
            String key,
            Outcome outcome,
            String messageId,
            int status) {}

    final Queue<Send> sends = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private final LocalPlatformUnderTest platform;
    private final SoakHttp http;
    private final SoakWorld world;
    private final SoakSettings settings;
    private final CuratorReceiver receiver;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(SENDERS + 4);
    private final Set<String> troubled = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> sequences = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    SoakTraffic(
            LocalPlatformUnderTest platform,
            SoakHttp http,
            SoakWorld world,
            SoakSettings settings,
            CuratorReceiver receiver) {
        this.platform = platform;
        this.http = http;
        this.world = world;
        this.settings = settings;
        this.receiver = receiver;
    }

    void start(Instant loadStart) {
        for (int t = 0; t < SENDERS; t++) {
            int sender = t;
            scheduler.execute(() -> sendLoop(sender));
        }
        long flapEveryMillis = Math.max(50, Math.round(1000 / settings.flapsPerSecond()));
        scheduler.scheduleWithFixedDelay(this::trouble, flapEveryMillis, flapEveryMillis, TimeUnit.MILLISECONDS);
        scheduler.schedule(this::refill, millisUntil(loadStart.plus(settings.paymentAfter())), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::topUp, 20, 20, TimeUnit.SECONDS);
        // The receiver is away for 4 s in the middle of the load: within the deliveries' retry schedule.
        scheduler.schedule(
                () -> receiver.down(true),
                millisUntil(loadStart.plus(settings.duration().dividedBy(2))),
                TimeUnit.MILLISECONDS);
        scheduler.schedule(
                () -> receiver.down(false),
                millisUntil(loadStart.plus(settings.duration().dividedBy(2)).plusSeconds(4)),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the load; what was in flight finishes. */
    void stop() throws InterruptedException {
        stopped = true;
        scheduler.shutdown();
        if (!scheduler.awaitTermination(4, TimeUnit.MINUTES)) {
            throw new AssertionError("the soak's load did not stop within 4 minutes");
        }
        receiver.down(false);
    }

    long count(String what) {
        AtomicLong count = counts.get(what);
        return count == null ? 0 : count.get();
    }

    private void sendLoop(int sender) {
        List<Channel> mine = new ArrayList<>();
        for (int i = sender; i < world.channels.size(); i += SENDERS) {
            mine.add(world.channels.get(i));
        }
        long gapNanos = TimeUnit.SECONDS.toNanos(1) * SENDERS / Math.max(1, settings.sendsPerSecond());
        long next = System.nanoTime();
        while (!stopped) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            send(mine.get(random.nextInt(mine.size())), CHATS.get(random.nextInt(CHATS.size())), random.nextBoolean());
            next += gapNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                SoakHttp.pause(Duration.ofNanos(wait));
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void send(Channel channel, String chat, boolean keyed) {
        int seq = sequences
                .computeIfAbsent(channel.id() + " " + chat, k -> new AtomicInteger())
                .incrementAndGet();
        String text = "soak " + world.run + " " + channel.id() + " " + chat + " #" + seq;
        String key = keyed
                ? "soak-" + world.run + "-" + channel.id().substring(0, 8) + "-" + chat.substring(8) + "-" + seq
                : null;
        Map<String, Object> body = keyed
                ? Map.of("chatId", chat, "text", text, "idempotencyKey", key)
                : Map.of("chatId", chat, "text", text);
        String url = platform.queueService() + "/v1/channels/" + channel.id() + "/messages";
        SoakHttp.Answer answer;
        if (keyed) {
            answer = http.patiently("POST", url, channel.account().token(), body, Duration.ofMinutes(3));
        } else {
            try {
                answer = http.call("POST", url, channel.account().token(), body);
            } catch (IOException e) {
                answer = null;
            }
        }
        Send send;
        if (answer == null || answer.status() >= 500) {
            send = new Send(channel, chat, seq, text, key, Outcome.UNKNOWN, null, answer == null ? 0 : answer.status());
        } else if (answer.status() == 202 || answer.status() == 200) {
            send = new Send(channel, chat, seq, text, key, Outcome.ACCEPTED, answer.text("id"), answer.status());
        } else {
            send = new Send(channel, chat, seq, text, key, Outcome.REFUSED, null, answer.status());
        }
        sends.add(send);
        counted("sends " + send.outcome().name().toLowerCase() + (keyed ? " (keyed)" : " (unkeyed)"));
    }

    /** Trouble on one channel at a time: a flap, a phone away for 3 s, or a logout and a new scan 4 s later. */
    private void trouble() {
        if (stopped) {
            return;
        }
        Channel channel = world.channels.get(ThreadLocalRandom.current().nextInt(world.channels.size()));
        if (!troubled.add(channel.id())) {
            return;
        }
        String control = platform.simulator() + "/control/channels/" + channel.session();
        switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> {
                http.expectOk("POST", control + "/flap", null, Map.of("everySeconds", 0.5, "times", 2));
                counted("flaps");
                scheduler.schedule(() -> troubled.remove(channel.id()), 3, TimeUnit.SECONDS);
            }
            case 1 -> {
                http.expectOk("POST", control + "/phone/offline", null, null);
                counted("phones away");
                scheduler.schedule(
                        () -> {
                            http.expectOk("POST", control + "/phone/online", null, null);
                            troubled.remove(channel.id());
                        },
                        3,
                        TimeUnit.SECONDS);
            }
            default -> {
                http.expectOk("POST", control + "/logout", null, null);
                counted("logouts and new scans");
                scheduler.schedule(
                        () -> {
                            http.expectOk("POST", control + "/scan", null, null);
                            troubled.remove(channel.id());
                        },
                        4,
                        TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The poor account pays, and the client sends the same payment again (same key): it counts once. It pays once its
     * day was charged (NOT_PAID): a billing-service killed across midnight charges the day when it is back, which on a
     * busy machine can be after the payment time.
     */
    private void refill() {
        SoakWorld.Account poor = world.poor();
        String billing = platform.billingService() + "/v1/accounts/" + poor.id() + "/billing";
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(giveUp)
                && !"NOT_PAID"
                        .equals(http.expectOk("GET", billing, platform.opsToken(), null)
                                .path("state")
                                .asText())) {
            SoakHttp.pause(Duration.ofMillis(500));
        }
        Map<String, Object> payment =
                Map.of("amount", "10000000.00", "currency", "USD", "idempotencyKey", "soak-refill-" + world.run);
        for (int i = 0; i < 2; i++) {
            http.expectOk(
                    "POST",
                    platform.billingService() + "/v1/accounts/" + poor.id() + "/payments",
                    platform.opsToken(),
                    payment);
        }
        counted("payments (1 repeated)");
    }

    /** Every 20 s, each other account pays a little. */
    private void topUp() {
        for (SoakWorld.Account account : world.accounts.subList(1, world.accounts.size())) {
            http.expectOk(
                    "POST",
                    platform.billingService() + "/v1/accounts/" + account.id() + "/payments",
                    platform.opsToken(),
                    Map.of(
                            "amount",
                            "1.00",
                            "currency",
                            "USD",
                            "idempotencyKey",
                            "soak-topup-" + world.run + "-" + System.nanoTime()));
            counted("payments");
        }
    }

    private void counted(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private static long millisUntil(Instant at) {
        return Math.max(0, Duration.between(Instant.now(), at).toMillis());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
