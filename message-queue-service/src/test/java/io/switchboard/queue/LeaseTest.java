package io.switchboard.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.switchboard.queue.QueueApi.WAIT;
import static io.switchboard.queue.QueueApi.awaitState;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.publish;
import static io.switchboard.queue.QueueApi.send;
import static io.switchboard.queue.QueueApi.sendPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.queue.sql.Jdbc;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A run never outlives its lease (after which another replica would take the channel and send the same message again,
 * and a Cloud API send has no idempotency key): before a call that could end after the lease, the run moves the lease
 * on. With a 3 s lease, the second message's call starts 1.2 s into the run and lasts 2.5 s.
 */
@QuarkusTest
@TestProfile(LeaseTest.ShortLease.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class LeaseTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.dispatch.lease", "3s");
        }
    }

    @Inject
    Jdbc jdbc;

    @Test
    void aCallThatWouldEndAfterTheLeaseMovesTheLeaseOnSoNoOtherReplicaCouldTakeTheChannel() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING); // held, so that one run takes both
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .withRequestBody(containing("first"))
                        .atPriority(1)
                        .willReturn(ProviderStub.sentAfter(1200, "wamid-first")));
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .withRequestBody(containing("second"))
                        .atPriority(1)
                        .willReturn(ProviderStub.sentAfter(2500, "wamid-second")));
        String first = send(account, channel, "+14155550181", "first")
                .statusCode(202)
                .extract()
                .path("id");
        String second = send(account, channel, "+14155550181", "second")
                .statusCode(202)
                .extract()
                .path("id");
        publish(account, channel, ChannelStatus.ACTIVE);

        await().atMost(WAIT)
                .until(() -> ProviderStub.sentKeys(sendPath(channel)).size() == 2);
        // While the second call is in flight, the lane is leased to its run: no other replica could claim it.
        await().during(Duration.ofMillis(2400))
                .atMost(Duration.ofMillis(3500))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> leasedWhileDispatching(second));
        awaitState(account, second, "SENT");
        assertThat(ProviderStub.sentKeys(sendPath(channel))).containsExactly(first, second);
    }

    /**
     * Whether the message is no longer DISPATCHING, or its lane's lease runs now (a replica looking for due channels
     * would not take it): read in one statement, so that a run finishing in between does not look like a lapse.
     */
    private boolean leasedWhileDispatching(String messageId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> jdbc.first(
                        """
                SELECT m.state <> 'DISPATCHING' OR (c.lease_until IS NOT NULL AND c.lease_until > ?) AS held
                FROM outbound_message m JOIN channel_lane c ON c.channel_id = m.channel_id WHERE m.id = ?""",
                        p -> p.instant(MutableClock.shared().instant()).string(messageId),
                        row -> row.getBoolean("held")))
                .orElse(false);
    }
}
