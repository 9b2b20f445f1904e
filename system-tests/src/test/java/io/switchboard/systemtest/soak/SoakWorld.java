package io.switchboard.systemtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.systemtest.LocalPlatformUnderTest;
import io.switchboard.systemtest.Midnights;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accounts and channels a soak works on, set up the way users do it: an operator opens each account in billing
 * (in a time zone whose midnight falls within the load), the account adds a curator with a webhook and fast pacing,
 * and creates its channels, each brought to ACTIVE by a QR scan on the simulated phone.
 */
final class SoakWorld {

    /** An account; the poor one pays a day's charge it cannot afford, and later pays again. */
    record Account(String id, String token, boolean poor, String curatorId) {}

    /** A channel: ours, and its session at the provider. */
    record Channel(String id, Account account, String session) {}

    static final String POOR_TARIFF = "86400.00"; // 1.00 a second
    static final String TARIFF = "8640.00";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<Account> accounts = new ArrayList<>();
    final List<Channel> channels = new ArrayList<>();
    final Instant midnight;
    final ZoneOffset zone;

    private final LocalPlatformUnderTest platform;
    private final SoakHttp http;

    private SoakWorld(LocalPlatformUnderTest platform, SoakHttp http, Instant midnight) {
        this.platform = platform;
        this.http = http;
        this.midnight = midnight;
        this.zone = Midnights.offsetWithMidnightAt(midnight);
    }

    static SoakWorld create(
            LocalPlatformUnderTest platform, SoakHttp http, SoakSettings settings, CuratorReceiver receiver)
            throws Exception {
        Duration setup = Duration.ofSeconds(30 + settings.channels() / 2);
        SoakWorld world = new SoakWorld(
                platform,
                http,
                Instant.now().plus(setup).plus(settings.midnightAfter()).truncatedTo(ChronoUnit.SECONDS));
        for (int i = 0; i < settings.accounts(); i++) {
            world.accounts.add(world.openAccount(i, receiver));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Channel>> created = new ArrayList<>();
            for (int i = 0; i < settings.channels(); i++) {
                Account account = world.accounts.get(i % world.accounts.size());
                int index = i;
                created.add(pool.submit(() -> world.activeChannel(account, index)));
            }
            for (Future<Channel> channel : created) {
                world.channels.add(channel.get());
            }
        } finally {
            pool.shutdownNow();
        }
        if (!Instant.now()
                .isBefore(world.midnight.minus(settings.midnightAfter().dividedBy(2)))) {
            throw new AssertionError("setting up " + settings.channels() + " channels took too long: the accounts'"
                    + " midnight (" + world.midnight + ") would fall before the load");
        }
        return world;
    }

    List<Channel> channelsOf(Account account) {
        return channels.stream().filter(c -> c.account().equals(account)).toList();
    }

    Account poor() {
        return accounts.get(0);
    }

    private Account openAccount(int index, CuratorReceiver receiver) {
        String id = "soak-" + run + "-" + index;
        boolean poor = index == 0;
        http.expectOk(
                "POST",
                platform.billingService() + "/v1/accounts",
                platform.opsToken(),
                Map.of(
                        "id",
                        id,
                        "name",
                        "Soak " + index,
                        "currency",
                        "USD",
                        "timeZone",
                        zone.getId(),
                        "tariff",
                        poor ? POOR_TARIFF : TARIFF,
                        "openingBalance",
                        poor ? "100.00" : "1000000.00"));
        String token = platform.token(id);
        String curator = http.expectOk(
                        "POST",
                        platform.notificationService() + "/v1/curators",
                        token,
                        Map.of("name", "Soak desk " + index, "webhookUrl", receiver.url()))
                .path("id")
                .asText();
        // Fast pacing, so that a backlog drains within the soak.
        http.expectOk(
                "PUT",
                platform.queueService() + "/v1/accounts/" + id + "/queue-settings",
                token,
                Map.of("pacing", Map.of("minGapMillis", 50, "backlogGapMinMillis", 50, "backlogGapMaxMillis", 150)));
        return new Account(id, token, poor, curator);
    }

    private Channel activeChannel(Account account, int index) {
        String channel = http.expectOk(
                        "POST",
                        platform.channelService() + "/v1/channels",
                        account.token(),
                        Map.of("phone", platform.freshPhone(), "name", "Soak " + index))
                .path("id")
                .asText();
        String session = awaitChannel(account, channel, "QR_REQUIRED")
                .path("providerChannelId")
                .asText();
        http.expectOk("POST", platform.simulator() + "/control/channels/" + session + "/scan", null, null);
        awaitChannel(account, channel, "ACTIVE");
        return new Channel(channel, account, session);
    }

    JsonNode awaitChannel(Account account, String channel, String status) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode view = null;
        while (Instant.now().isBefore(deadline)) {
            view = http.expectOk("GET", platform.channelService() + "/v1/channels/" + channel, account.token(), null);
            if (status.equals(view.path("status").asText())) {
                return view;
            }
            SoakHttp.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("channel " + channel + " is not " + status + ": " + view);
    }
}
