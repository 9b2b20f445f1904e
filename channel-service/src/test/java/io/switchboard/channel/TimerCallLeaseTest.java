package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.switchboard.channel.ChannelApi.createChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerRunner;
import io.switchboard.channel.timer.TimerSettings;
import io.switchboard.testkit.SwitchboardTestResource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A timer's lease covers its call, not a wait for a call thread: during a mass of restarts, a timer whose call has not
 * started is not leased, so another replica takes it instead of making the same call a second time.
 */
@QuarkusTest
@TestProfile(TimerCallLeaseTest.ScarceCallThreads.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class TimerCallLeaseTest {

    /** Two call threads, a call lease of 3 s and calls of 1 s: twelve restarts queue for longer than the lease. */
    public static class ScarceCallThreads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.watchdog.tick",
                    "200ms",
                    "switchboard.watchdog.call-threads",
                    "2",
                    "switchboard.watchdog.call-lease",
                    "3s");
        }
    }

    @Inject
    ChannelTimers timers;

    @Inject
    Channels channels;

    @Inject
    @Any
    Instance<TimerHandler> handlers;

    @Inject
    TimerSettings settings;

    @Inject
    MeterRegistry meters;

    @Test
    void aTimerWaitingForACallThreadIsNotLeasedSoAnotherReplicaMakesItsCallInsteadOfASecondOne() {
        List<String> ids = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        try (ServiceDatabase database = ServiceDatabase.open()) {
            for (int n = 0; n < 12; n++) {
                String id = createChannel("scarce"); // STARTING
                String session = "SIM-SCARCE-" + n + "-" + id.substring(0, 8);
                database.update("UPDATE channel SET provider_channel_id = ? WHERE id = ?", session, id);
                ProviderStub.server()
                        .stubFor(post(urlEqualTo("/partner/v1/channels/" + session + "/restart"))
                                .atPriority(1)
                                .willReturn(aResponse()
                                        .withStatus(200)
                                        .withFixedDelay(1_000)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody("{\"id\":\"" + session + "\",\"status\":\"INIT\"}")));
                ids.add(id);
                sessions.add(session);
            }
            // Every one of them needs its session restarted now (the watchdog found them stuck at the same moment).
            database.update("""
                    WITH locked AS (SELECT id FROM channel WHERE id = ANY (?) ORDER BY id FOR UPDATE)
                    INSERT INTO channel_timer (channel_id, kind, due_at, attempt, generation)
                    SELECT id, 'SESSION_RESTART', now(), 1, 1 FROM locked ORDER BY id""", (Object) ids.toArray(String[]::new));

            // This service's runner fires them on its ticks; another replica's runner fires whatever it finds due.
            TimerRunner anotherReplica = new TimerRunner(timers, channels, handlers, settings, meters);
            await().pollInterval(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        anotherReplica.fireDue();
                        return database.number(
                                        "SELECT count(*) FROM channel_timer WHERE channel_id = ANY (?)"
                                                + " AND kind = 'SESSION_RESTART'",
                                        (Object) ids.toArray(String[]::new))
                                == 0;
                    });
        } finally {
            ProviderStub.server().resetMappings();
            ProviderStub.stubChannels();
        }
        for (String session : sessions) {
            assertThat(ProviderStub.server()
                            .countRequestsMatching(
                                    postRequestedFor(urlEqualTo("/partner/v1/channels/" + session + "/restart"))
                                            .build())
                            .getCount())
                    .as("restarts of %s", session)
                    .isEqualTo(1);
        }
    }
}
