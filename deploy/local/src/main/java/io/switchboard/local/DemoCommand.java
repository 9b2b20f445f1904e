package io.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.process.KafkaBrokerProcess;
import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.ServiceProcess;
import io.switchboard.testkit.process.StateRegistry;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo}: the walking skeleton against the running platform. A channel is created and boots through
 * STARTING (a message is frozen) and QR_REQUIRED (a message is refused); the QR is scanned; the channel becomes
 * ACTIVE and the frozen message is sent exactly once. The events on the status topics are printed as they come.
 */
final class DemoCommand {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUEUE_LEARNS_CHANNEL = Duration.ofSeconds(15);
    private static final String ACCOUNT = "demo";
    private static final String CHAT = "+14155550199";
    private static final Set<String> SENT_OR_LATER = Set.of("SENT", "DELIVERED", "READ");
    private static final int STEPS = 8;
    /** Channels tried for steps 2 and 3 before the demo gives up. */
    private static final int START_ATTEMPTS = 3;

    /** The channel left STARTING before the demo could show a message held in it: another channel is tried. */
    private static final class StartedTooSoon extends RuntimeException {
        StartedTooSoon(String message) {
            super(message);
        }
    }

    private final LocalKeys keys;
    private final StateRegistry registry;
    private final LocalPorts ports;
    private final PrintStream out;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonHttp http = new JsonHttp(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), mapper);
    private final SecureRandom random = new SecureRandom();

    private String channels;
    private String queue;
    private String simulator;
    private Map<String, String> auth;
    private EventTail events;

    DemoCommand(LocalKeys keys, StateRegistry registry, LocalPorts ports, PrintStream out) {
        this.keys = keys;
        this.registry = registry;
        this.ports = ports;
        this.out = out;
    }

    int run() {
        channels = "http://localhost:" + port("channel-service", ports.channel());
        queue = "http://localhost:" + port("message-queue-service", ports.queue());
        simulator = "http://localhost:" + port(LocalPlatform.SIMULATOR, ports.simulator());
        String bootstrap = "localhost:" + port(KafkaPart.NAME, ports.kafka());
        requireReady(bootstrap);
        try (EventTail tail = new EventTail(
                bootstrap, List.of(Topics.CHANNEL_STATUS, Topics.MESSAGE_STATUS), new EventSummary(mapper), out)) {
            events = tail;
            play();
            pause(Duration.ofSeconds(1)); // let the last events print
        }
        out.println();
        out.println("Demo complete: the message held while the channel started was sent once it was ACTIVE.");
        out.println("See the channel in the console: ./switchboard console --account " + ACCOUNT
                + " prints a link that opens it signed in.");
        return 0;
    }

    private void requireReady(String bootstrap) {
        List<String> notReady = new ArrayList<>();
        if (!KafkaBrokerProcess.answers(bootstrap, Duration.ofSeconds(5))) {
            notReady.add("kafka (" + bootstrap + ")");
        }
        Map<String, String> applications =
                Map.of(LocalPlatform.SIMULATOR, simulator, "channel-service", channels, "message-queue-service", queue);
        applications.forEach((name, base) -> {
            if (!ServiceProcess.answers(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))) {
                notReady.add(name + " (" + base + ")");
            }
        });
        if (!notReady.isEmpty()) {
            throw new CliException("The demo needs the platform running, but these are not ready: "
                    + String.join(", ", notReady) + ". See ./switchboard status; start it with ./switchboard up");
        }
    }

    private void play() {
        step(1, "Token for account '" + ACCOUNT + "'");
        String token = keys.issuer().token(ACCOUNT, Set.of(TokenIssuer.ACCOUNT_ADMIN), Duration.ofHours(1));
        auth = Map.of("Authorization", "Bearer " + token);
        say(token.substring(0, 24) + "...");

        String channelId = null;
        String providerChannelId = null;
        JsonNode message = null;
        for (int attempt = 1; message == null; attempt++) {
            step(2, "Create a channel: POST " + channels + "/v1/channels");
            JsonNode channel = createChannel();
            channelId = channel.path("id").asText();
            providerChannelId = channel.path("providerChannelId").asText(null);

            step(3, "Wait for STARTING, then send a message: it is accepted and frozen");
            try {
                awaitChannelStatus(channelId, "STARTING");
                message = postFrozenMessage(channelId);
            } catch (StartedTooSoon late) {
                // A platform just started: the queue service may still be joining its consumer group when the
                // channel leaves STARTING. A second channel finds it ready.
                if (attempt == START_ATTEMPTS) {
                    throw new CliException(late.getMessage() + " (" + START_ATTEMPTS + " channels in a row)");
                }
                say(late.getMessage() + "; deleting channel " + channelId + " and trying another");
                expectStatus(http.delete(channels + "/v1/channels/" + channelId, auth), 200, 202, 204);
            }
        }
        String messageId = message.path("id").asText();

        step(4, "Wait for QR_REQUIRED, then send another message: it is refused");
        JsonNode qrRequired = awaitChannelStatus(channelId, "QR_REQUIRED");
        awaitStatusEvent(channelId, "QR_REQUIRED");
        expectRefused(channelId);
        if (providerChannelId == null || providerChannelId.isBlank()) {
            providerChannelId = qrRequired.path("providerChannelId").asText(null);
        }
        if (providerChannelId == null || providerChannelId.isBlank()) {
            throw new CliException(
                    "The channel has no providerChannelId, so its QR code cannot be scanned: " + qrRequired);
        }

        step(
                5,
                "Scan the QR code at the simulator: POST " + simulator + "/control/channels/" + providerChannelId
                        + "/scan");
        JsonHttp.Response scan =
                http.post(simulator + "/control/channels/" + providerChannelId + "/scan", null, simulatorAuth());
        expectStatus(scan, 200, 202, 204);
        say(scan.status() + " " + scan.body());

        step(6, "Wait for ACTIVE and for the frozen message to be SENT");
        awaitChannelStatus(channelId, "ACTIVE");
        awaitMessageSent(messageId);

        step(7, "The simulator received the message exactly once");
        expectDeliveredOnce(messageId);

        step(8, "Channel history: GET " + channels + "/v1/channels/" + channelId + "/history");
        printHistory(channelId);
    }

    private JsonNode createChannel() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            String phone = String.format("+1415555%04d", random.nextInt(10_000));
            JsonHttp.Response created =
                    http.post(channels + "/v1/channels", Map.of("phone", phone, "name", "Sales"), auth);
            if (created.status() == 409) {
                say("409: " + phone + " already has channel " + created.text("existingChannelId")
                        + "; trying another number");
                continue;
            }
            expectStatus(created, 201);
            for (String field : List.of("id", "status", "providerChannelId")) {
                if (!created.json().has(field)) {
                    throw new CliException("The created channel has no '" + field + "': " + created.body());
                }
            }
            say("201: channel " + created.text("id") + ", phone " + phone + ", status " + created.text("status")
                    + ", provider channel " + created.text("providerChannelId"));
            return created.json();
        }
        throw new CliException("Five random numbers in a row already had channels; run the demo again.");
    }

    private JsonNode awaitChannelStatus(String channelId, String expected) {
        String[] last = {null};
        JsonNode channel = Poll.until(
                "channel " + channelId + " to be " + expected,
                STEP_TIMEOUT,
                () -> {
                    JsonHttp.Response response = http.get(channels + "/v1/channels/" + channelId, auth);
                    expectStatus(response, 200);
                    last[0] = response.text("status");
                    if ("ERROR".equals(last[0])) {
                        throw new CliException("The channel is in ERROR: " + response.body());
                    }
                    if ("STARTING".equals(expected) && ("QR_REQUIRED".equals(last[0]) || "ACTIVE".equals(last[0]))) {
                        throw new StartedTooSoon("the channel went to " + last[0] + " before the demo saw it STARTING");
                    }
                    return expected.equals(last[0]) ? response.json() : null;
                },
                () -> "last status " + last[0]);
        say("channel is " + expected);
        return channel;
    }

    private JsonNode postFrozenMessage(String channelId) {
        String url = queue + "/v1/channels/" + channelId + "/messages";
        JsonHttp.Response[] last = {null};
        // The queue service learns about a new channel from Kafka a moment after it was created: 404 until then.
        JsonHttp.Response accepted = Poll.until(
                "the queue service to know channel " + channelId,
                QUEUE_LEARNS_CHANNEL,
                () -> {
                    last[0] = http.post(url, Map.of("chatId", CHAT, "text", "hi"), auth);
                    return last[0].status() == 404 ? null : last[0];
                },
                () -> "last answer " + last[0]);
        if (accepted.status() == 409 && "QR_REQUIRED".equals(accepted.text("channelStatus"))) {
            throw new StartedTooSoon("the queue service learnt of the channel after it had left STARTING");
        }
        expectStatus(accepted, 202);
        if (!"FROZEN".equals(accepted.text("state"))) {
            throw new CliException(
                    "Expected the message to be FROZEN while the channel is STARTING, got: " + accepted.body());
        }
        say("202: message " + accepted.text("id") + " is FROZEN");
        return accepted.json();
    }

    /**
     * The queue service learns a status from channel.status.v1, a moment after channel-service shows it: wait for
     * the event, then give its consumer a moment.
     */
    private void awaitStatusEvent(String channelId, String status) {
        Poll.until(
                "the " + status + " event of channel " + channelId + " on " + Topics.CHANNEL_STATUS,
                STEP_TIMEOUT,
                () -> events.seen(Topics.CHANNEL_STATUS, channelId, "status", status) ? Boolean.TRUE : null,
                () -> "not seen yet");
        pause(Duration.ofSeconds(1));
    }

    private void expectRefused(String channelId) {
        String url = queue + "/v1/channels/" + channelId + "/messages";
        JsonHttp.Response[] last = {null};
        // Should the queue service still be behind, it accepts and holds the message: say so and ask again.
        JsonHttp.Response refused = Poll.until(
                "the queue service to refuse messages for channel " + channelId,
                QUEUE_LEARNS_CHANNEL,
                () -> {
                    last[0] = http.post(url, Map.of("chatId", CHAT, "text", "hi again"), auth);
                    if (last[0].status() == 202) {
                        say("202: the queue service has not seen QR_REQUIRED yet; it holds message "
                                + last[0].text("id") + " (" + last[0].text("reason") + "); asking again");
                        pause(Duration.ofSeconds(1));
                        return null;
                    }
                    return last[0];
                },
                () -> "last answer " + last[0]);
        expectStatus(refused, 409);
        if (!refused.contentType().startsWith("application/problem+json")
                || !refused.body().contains("QR_REQUIRED")
                || !refused.body().contains("SCAN_QR")) {
            throw new CliException("Expected a problem+json naming QR_REQUIRED and SCAN_QR, got: " + refused);
        }
        say("409: " + firstNonNull(refused.text("detail"), refused.text("title"), refused.body()));
    }

    private void awaitMessageSent(String messageId) {
        String[] last = {null};
        Poll.until(
                "message " + messageId + " to be SENT",
                STEP_TIMEOUT,
                () -> {
                    JsonHttp.Response response = http.get(queue + "/v1/messages/" + messageId, auth);
                    expectStatus(response, 200);
                    last[0] = response.text("state");
                    if ("FAILED".equals(last[0]) || "EXPIRED".equals(last[0]) || "CANCELLED".equals(last[0])) {
                        throw new CliException(
                                "The message ended " + last[0] + " instead of being sent: " + response.body());
                    }
                    return SENT_OR_LATER.contains(last[0]) ? last[0] : null;
                },
                () -> "last state " + last[0]);
        say("message " + messageId + " is " + last[0]);
    }

    private void expectDeliveredOnce(String messageId) {
        String url = simulator + "/control/messages?to=" + URLEncoder.encode(CHAT, StandardCharsets.UTF_8);
        JsonHttp.Response received = http.get(url, simulatorAuth());
        expectStatus(received, 200);
        long copies = 0;
        for (JsonNode item : received.json()) {
            if (messageId.equals(item.path("idempotencyKey").asText(null))) {
                copies++;
                say("received " + item.path("id").asText() + " from "
                        + item.path("from").asText() + " to " + item.path("to").asText() + ": \""
                        + item.path("body").asText() + "\" at "
                        + item.path("receivedAt").asText());
            }
        }
        if (copies != 1) {
            throw new CliException("The simulator received message " + messageId + " " + copies
                    + " times, expected once: " + received.body());
        }
    }

    private void printHistory(String channelId) {
        JsonHttp.Response history = http.get(channels + "/v1/channels/" + channelId + "/history", auth);
        expectStatus(history, 200);
        Table table = new Table("VERSION", "FROM", "TO", "CAUSE", "DETAIL", "AT");
        for (JsonNode item : history.json().path("items")) {
            table.row(
                    item.path("version").asText(),
                    item.path("previousStatus").asText("-"),
                    item.path("status").asText(),
                    item.path("cause").asText("-"),
                    item.path("detail").asText("-"),
                    item.path("occurredAt").asText());
        }
        table.print(out);
    }

    private Map<String, String> simulatorAuth() {
        return Map.of("Authorization", "Bearer " + LocalPlatform.PROVIDER_API_KEY);
    }

    private int port(String part, int fallback) {
        return registry.find(part)
                .filter(ProcessState::isRunning)
                .map(ProcessState::port)
                .orElse(fallback);
    }

    private static void expectStatus(JsonHttp.Response response, int... expected) {
        for (int status : expected) {
            if (response.status() == status) {
                return;
            }
        }
        throw new CliException("Expected HTTP " + java.util.Arrays.toString(expected) + ", got " + response);
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private void step(int number, String title) {
        out.println();
        out.printf("[%d/%d] %s%n", number, STEPS, title);
    }

    private void say(String line) {
        out.println("      " + line);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
