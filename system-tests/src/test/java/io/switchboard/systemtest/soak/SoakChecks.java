package io.switchboard.systemtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.systemtest.soak.SoakTraffic.Outcome;
import io.switchboard.systemtest.soak.SoakTraffic.Send;
import io.switchboard.systemtest.soak.SoakWorld.Account;
import io.switchboard.systemtest.soak.SoakWorld.Channel;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The soak's end: the trouble is undone (phones online, flaps stopped, logged-out channels scanned), the platform is
 * given time to settle, and then the invariants are checked over everything the soak did, not over samples.
 */
final class SoakChecks {

    private static final Set<String> SENT = Set.of("SENT", "DELIVERED", "READ");
    private static final Set<String> HELD = Set.of("QUEUED", "FROZEN", "DISPATCHING");

    /** One invariant: how many things it looked at, and each one that broke it. */
    record Check(String invariant, long checked, List<String> violations) {}

    private final LocalPlatformUnderTest platform;
    private final SoakHttp http;
    private final SoakWorld world;
    private final CuratorReceiver receiver;
    final List<Check> checks = new ArrayList<>();
    final Map<String, Object> figures = new LinkedHashMap<>();

    SoakChecks(LocalPlatformUnderTest platform, SoakHttp http, SoakWorld world, CuratorReceiver receiver) {
        this.platform = platform;
        this.http = http;
        this.world = world;
        this.receiver = receiver;
    }

    /** Every channel back to a provider state that can send. */
    void undoTrouble() {
        for (Channel channel : world.channels) {
            String control = platform.simulator() + "/control/channels/" + channel.session();
            http.expectOk("DELETE", control + "/flap", null, null);
            JsonNode view = http.expectOk("GET", control, null, null);
            if (view.path("phoneState").asText().equals("OFFLINE")) {
                http.expectOk("POST", control + "/phone/online", null, null);
            }
            if (!view.path("linked").asBoolean()) {
                http.expectOk("POST", control + "/scan", null, null);
            }
        }
    }

    /**
     * Waits until nothing is in flight any more (statuses agree, nothing held, every receipt in, notification-service
     * has applied every account's latest billing state, no channel change waiting out its debounce window, every
     * notification delivered), at
     * most {@code within}; what has not settled by then shows in the checks.
     */
    Duration settle(Duration within) {
        Instant start = Instant.now();
        Instant deadline = start.plus(within);
        boolean settled = awaitTrue(deadline, () -> statusMismatches().isEmpty())
                && awaitTrue(deadline, () -> messages().stream().noneMatch(m -> HELD.contains(m.state())))
                && awaitTrue(
                        deadline,
                        () -> messages().stream()
                                .filter(m -> SENT.contains(m.state()))
                                .allMatch(m -> m.state().equals("READ")))
                && awaitTrue(deadline, () -> billingStatesToldOf().equals(billingStates()))
                && awaitTrue(
                        deadline,
                        () -> noticesWaiting() == 0
                                && deliveries().stream()
                                        .noneMatch(d -> d.state().equals("PENDING")));
        Duration took = Duration.between(start, Instant.now());
        figures.put("settled after the load", settled ? took.toSeconds() + " s" : "not within " + within);
        return took;
    }

    void checkAll(List<Send> sends) {
        checkMessages(sends);
        checkStatuses();
        checkBilling();
        checkNotifications();
    }

    // --- messages -------------------------------------------------------------------------------------------------

    record Message(String id, String channelId, String chat, String text, String state, long seq) {}

    private void checkMessages(List<Send> sends) {
        List<Message> stored = messages();
        Map<String, Message> byId = new HashMap<>();
        Map<String, Message> byText = new HashMap<>();
        stored.forEach(m -> {
            byId.put(m.id(), m);
            byText.put(m.text(), m);
        });
        List<String> notEnded = new ArrayList<>();
        long accepted = 0;
        for (Send send : sends) {
            if (send.outcome() != Outcome.ACCEPTED) {
                continue;
            }
            accepted++;
            Message message = byId.get(send.messageId());
            if (message == null || !message.text().equals(send.text())) {
                notEnded.add(send.messageId() + " (" + send.text() + ") is not stored as accepted");
            } else if (!message.state().equals("READ")) {
                notEnded.add(message.id() + " is " + message.state());
            }
        }
        checks.add(new Check("every accepted message sent and read (none held, failed or lost)", accepted, notEnded));

        Map<String, Long> received = new HashMap<>();
        Map<String, List<Integer>> arrivalsByChat = new LinkedHashMap<>();
        String prefix = "soak " + world.run + " ";
        for (Channel channel : world.channels) {
            JsonNode messages = http.expectOk(
                    "GET", platform.simulator() + "/control/channels/" + channel.session() + "/messages", null, null);
            for (JsonNode message : messages) {
                String body = message.path("body").asText();
                if (body.startsWith(prefix)) {
                    received.merge(body, 1L, Long::sum);
                    arrivalsByChat
                            .computeIfAbsent(
                                    channel.id() + " " + message.path("to").asText(), k -> new ArrayList<>())
                            .add(Integer.parseInt(body.substring(body.lastIndexOf('#') + 1)));
                }
            }
        }
        List<String> twice = new ArrayList<>();
        received.forEach((body, times) -> {
            if (times > 1) {
                twice.add(body + " reached the phone " + times + " times");
            }
            if (!byText.containsKey(body)) {
                twice.add(body + " reached the phone but was never accepted");
            }
        });
        stored.stream()
                .filter(m -> SENT.contains(m.state()) && !received.containsKey(m.text()))
                .forEach(m -> twice.add(m.id() + " is " + m.state() + " but never reached the phone"));
        checks.add(new Check(
                "no message reached the phone twice; none sent that was not accepted", received.size(), twice));

        List<String> disorder = new ArrayList<>();
        arrivalsByChat.forEach((chat, seqs) -> {
            for (int i = 1; i < seqs.size(); i++) {
                if (seqs.get(i) <= seqs.get(i - 1)) {
                    disorder.add(chat + ": #" + seqs.get(i) + " arrived after #" + seqs.get(i - 1));
                }
            }
        });
        checks.add(new Check("per-chat order kept (arrivals in acceptance order)", arrivalsByChat.size(), disorder));
        figures.put("messages stored", stored.size());
        figures.put("messages that reached the phones", received.size());
        Map<String, Long> states = new java.util.TreeMap<>();
        stored.forEach(m -> states.merge(m.state(), 1L, Long::sum));
        figures.put("message states", states);
    }

    private List<Message> messages() {
        return query(
                "message_queue",
                "SELECT id, channel_id, chat_id, text, state, seq FROM outbound_message"
                        + " WHERE account_id = ANY (?)",
                rows -> new Message(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getLong(6)));
    }

    // --- statuses -------------------------------------------------------------------------------------------------

    private void checkStatuses() {
        checks.add(new Check(
                "every channel's status equals the provider's (channel and queue service)",
                world.channels.size(),
                statusMismatches()));
    }

    private List<String> statusMismatches() {
        List<String> mismatches = new ArrayList<>();
        for (Channel channel : world.channels) {
            JsonNode provider =
                    http.expectOk("GET", platform.simulator() + "/control/channels/" + channel.session(), null, null);
            String expected = provider.path("canSend").asBoolean()
                    ? "ACTIVE"
                    : !provider.path("linked").asBoolean() ? "QR_REQUIRED" : "PHONE_UNAVAILABLE";
            String ours = http.expectOk(
                            "GET",
                            platform.channelService() + "/v1/channels/" + channel.id(),
                            channel.account().token(),
                            null)
                    .path("status")
                    .asText();
            String queue = http.expectOk(
                            "GET",
                            platform.queueService() + "/v1/channels/" + channel.id() + "/queue",
                            channel.account().token(),
                            null)
                    .path("status")
                    .asText();
            if (!expected.equals(ours) || !expected.equals(queue)) {
                mismatches.add(
                        channel.id() + ": provider " + provider.path("status").asText() + "/"
                                + provider.path("phoneState").asText() + " (" + expected + "), channel-service " + ours
                                + ", queue " + queue);
            }
        }
        return mismatches;
    }

    // --- billing --------------------------------------------------------------------------------------------------

    private void checkBilling() {
        List<String> unbalanced = new ArrayList<>();
        List<String> misCharged = new ArrayList<>();
        long channelDays = 0;
        // One read of each table for every account of the soak; channel ids are unique across accounts.
        Map<String, Object[]> balances = new HashMap<>();
        query(
                "billing",
                "SELECT a.account_id, a.balance, a.state, a.charged_until,"
                        + " (SELECT coalesce(sum(amount), 0) FROM ledger_entry e WHERE e.account_id = a.account_id),"
                        + " (SELECT balance_after FROM ledger_entry e WHERE e.account_id = a.account_id ORDER BY seq DESC LIMIT 1),"
                        + " (SELECT min(balance_after) FROM ledger_entry e WHERE e.account_id = a.account_id),"
                        + " (SELECT count(*) FROM ledger_entry e WHERE e.account_id = a.account_id"
                        + "    AND e.idempotency_key LIKE 'soak-refill-%')"
                        + " FROM account a WHERE a.account_id = ANY (?)",
                rows -> balances.put(rows.getString(1), new Object[] {
                    rows.getBigDecimal(2),
                    rows.getString(3),
                    rows.getTimestamp(4).toInstant(),
                    rows.getBigDecimal(5),
                    rows.getBigDecimal(6),
                    rows.getBigDecimal(7),
                    rows.getLong(8)
                }));
        Map<String, List<Instant[]>> spans = new HashMap<>();
        query(
                "billing",
                "SELECT channel_id, started_at, ended_at FROM charged_period WHERE account_id = ANY (?)",
                rows -> spans.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                        .add(new Instant[] {
                            rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3) == null
                                    ? null
                                    : rows.getTimestamp(3).toInstant()
                        }));
        Map<String, List<long[]>> charges = new HashMap<>();
        query(
                "billing",
                "SELECT channel_id, charge_day, billed_seconds FROM ledger_entry WHERE kind = 'CHARGE'"
                        + " AND account_id = ANY (?)",
                rows -> charges.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                        .add(new long[] {rows.getObject(2, LocalDate.class).toEpochDay(), rows.getLong(3)}));
        for (Account account : world.accounts) {
            Object[] row = balances.get(account.id());
            BigDecimal cached = (BigDecimal) row[0];
            if (cached.compareTo((BigDecimal) row[3]) != 0 || cached.compareTo((BigDecimal) row[4]) != 0) {
                unbalanced.add(
                        account.id() + ": balance " + cached + ", ledger sum " + row[3] + ", last entry " + row[4]);
            }
            if (account.poor()) {
                // Paid again: PAID, or LOW_BALANCE when the refill lasts fewer days than the account's threshold.
                if (((BigDecimal) row[5]).signum() >= 0 || "NOT_PAID".equals(row[1]) || (long) row[6] != 1) {
                    unbalanced.add(account.id() + " (poor): lowest balance " + row[5] + ", now " + row[1]
                            + ", refill entries " + row[6] + " (must go below zero, pay again, refill once)");
                }
            }
            Instant chargedUntil = (Instant) row[2];
            if (chargedUntil.isBefore(world.midnight)) {
                misCharged.add(account.id() + " is charged only until " + chargedUntil + ", the day ended at "
                        + world.midnight);
            }
            for (Channel channel : world.channelsOf(account)) {
                channelDays++;
                List<Instant[]> periods = spans.getOrDefault(channel.id(), List.of());
                long owed = 0;
                for (Instant[] period : periods) {
                    Instant end = period[1] == null || period[1].isAfter(chargedUntil) ? chargedUntil : period[1];
                    owed += Math.max(0, Duration.between(period[0], end).toSeconds());
                }
                List<long[]> charged = charges.getOrDefault(channel.id(), List.of());
                long billed = charged.stream().mapToLong(c -> c[1]).sum();
                Set<Long> days = new HashSet<>();
                charged.forEach(c -> {
                    if (!days.add(c[0])) {
                        misCharged.add(channel.id() + " is charged twice for " + LocalDate.ofEpochDay(c[0]));
                    }
                });
                // each span is cut to whole seconds once per day it is charged in
                if (Math.abs(owed - billed) > periods.size() * 2L) {
                    misCharged.add(channel.id() + ": charged for " + billed + " s, was charged-for " + owed + " s ("
                            + periods.size() + " spans) until " + chargedUntil);
                }
            }
        }
        checks.add(new Check(
                "every account's balance equals its ledger; the poor one went NOT_PAID, paid once and is"
                        + " out of it",
                world.accounts.size(),
                unbalanced));
        checks.add(new Check(
                "every channel charged once per day for exactly the time it was charged-for", channelDays, misCharged));
    }

    // --- notifications --------------------------------------------------------------------------------------------

    record Delivery(String id, String curatorId, String kind, String payload, String state) {}

    private void checkNotifications() {
        List<Delivery> deliveries = deliveries();
        Map<String, Long> taken = receiver.taken();
        Set<String> ids = new HashSet<>();
        List<String> broken = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Delivery delivery : deliveries) {
            ids.add(delivery.id());
            if (!delivery.state().equals("DELIVERED")) {
                broken.add(delivery.id() + " (" + delivery.kind() + ") is " + delivery.state());
            } else if (!taken.containsKey(delivery.id())) {
                broken.add(delivery.id() + " (" + delivery.kind() + ") is DELIVERED but the receiver never took it");
            }
            String identity = delivery.curatorId() + " " + delivery.kind() + " " + payloadData(delivery.payload());
            String earlier = seen.put(identity, delivery.id());
            if (earlier != null) {
                broken.add(delivery.kind() + " owed once was made twice: " + earlier + " and " + delivery.id());
            }
        }
        Set<String> curators = new HashSet<>();
        world.accounts.forEach(a -> curators.add(a.curatorId()));
        receiver.requests().stream()
                .filter(r -> curators.contains(curatorOf(r)) && !ids.contains(r.webhookId()))
                .forEach(r ->
                        broken.add("the receiver got " + r.webhookId() + " (" + r.type() + "), which is no delivery"));
        List<String> poorTold = deliveries.stream()
                .filter(d -> d.curatorId().equals(world.poor().curatorId()))
                .map(Delivery::kind)
                .toList();
        for (String owed : List.of("account.not-paid", "account.paid")) {
            if (!poorTold.contains(owed)) {
                broken.add("the poor account's curator was never told " + owed + " (told: " + poorTold + ")");
            }
        }
        checks.add(new Check(
                "every notification owed delivered, each once (retries under the same webhook-id)",
                deliveries.size(),
                broken));
        long requests = receiver.requests().size();
        long retakes = taken.values().stream().filter(n -> n > 1).count();
        figures.put("notifications delivered", deliveries.size());
        figures.put("webhook requests (incl. failed attempts)", requests);
        figures.put(
                "notifications taken twice under the same webhook-id (a crash before DELIVERED was written)", retakes);
    }

    private String curatorOf(CuratorReceiver.Request request) {
        String account = request.data().path("accountId").asText();
        return world.accounts.stream()
                .filter(a -> a.id().equals(account))
                .map(Account::curatorId)
                .findFirst()
                .orElse("");
    }

    private static String payloadData(String payload) {
        try {
            JsonNode node = SoakHttp.JSON.readTree(payload);
            return node.has("data") ? node.path("data").toString() : node.toString();
        } catch (Exception e) {
            return payload;
        }
    }

    /** Each account's billing version, as billing-service announced it last. */
    private Map<String, Long> billingStates() {
        return versionsByAccount("billing", "SELECT account_id, version FROM account WHERE account_id = ANY (?)");
    }

    /**
     * Each account's billing version as notification-service has applied it (a restarted consumer may still be
     * catching up: what it has not applied yet has not been told).
     */
    private Map<String, Long> billingStatesToldOf() {
        return versionsByAccount(
                "notification", "SELECT account_id, last_version FROM account_watch WHERE account_id = ANY (?)");
    }

    private Map<String, Long> versionsByAccount(String database, String sql) {
        Map<String, Long> versions = new HashMap<>();
        query(database, sql, rows -> versions.put(rows.getString(1), rows.getLong(2)));
        return versions;
    }

    /** Channel changes still waiting out the debounce window before they are told (then they become deliveries). */
    private long noticesWaiting() {
        return query(
                        "notification",
                        "SELECT count(*) FROM channel_watch WHERE account_id = ANY (?)" + " AND due_at IS NOT NULL",
                        rows -> rows.getLong(1))
                .get(0);
    }

    private List<Delivery> deliveries() {
        return query(
                "notification",
                "SELECT id, curator_id, kind, payload, state FROM delivery WHERE account_id = ANY (?)"
                        + " AND medium = 'WEBHOOK'",
                rows -> new Delivery(
                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)));
    }

    // --- plumbing -------------------------------------------------------------------------------------------------

    interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Rows of the soak's accounts ({@code ?} is the array of their ids). */
    private <T> List<T> query(String database, String sql, Row<T> row) {
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl(database), "switchboard", "switchboard");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "varchar", world.accounts.stream().map(Account::id).toArray()));
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(row.read(rows));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new AssertionError("could not read " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean awaitTrue(Instant deadline, Supplier<Boolean> condition) {
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            SoakHttp.pause(Duration.ofSeconds(2));
        }
        return true;
    }
}
