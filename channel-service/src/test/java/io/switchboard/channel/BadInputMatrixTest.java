package io.switchboard.channel;

import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.matrix.BadInputMatrix;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, from its OpenAPI document, answers bad input with a 4xx problem and stores nothing
 * (see {@link BadInputMatrix}).
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class BadInputMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationRefusesBadInputWithAProblemAndStoresNothing() throws Exception {
        String account = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = ChannelApi.createChannel(account);
        health(channel, webhookSecret(channel), "AUTH", 5).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status(account, channel)));

        var tokens = TestInfrastructure.get().tokens();
        BadInputMatrix.Report report = new BadInputMatrix(new BadInputMatrix.Setup(
                        URI.create(base.toString()),
                        tokens.token(account),
                        tokens.token("matrix-other"),
                        tokens.expiredToken(account),
                        Map.of("id", channel, "channelId", channel),
                        Map.of(
                                "POST /v1/channels",
                                JSON.readTree("{\"phone\":\"+16502530999\",\"name\":\"Sales\"}"),
                                "POST /v1/channels/{id}/verification/code",
                                JSON.readTree("{\"code\":\"123456\"}")),
                        Set.of(),
                        operation -> true,
                        () -> stored(account)))
                .run();

        System.out.println("Bad-input matrix of channel-service: " + report.summary());
        assertThat(report.operations()).hasSizeGreaterThan(10);
        assertThat(report.schemaFindings()).as(report.summary()).isEmpty();
        assertThat(report.findings()).as(report.summary()).isEmpty();
    }

    /** The account's channels, their history and verifications, as one text. */
    private static String stored(String account) {
        try (ServiceDatabase database = ServiceDatabase.open()) {
            return database.text("""
                    SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (
                        SELECT c::text AS x FROM channel c WHERE c.account_id = ?
                        UNION ALL SELECT h::text FROM channel_status_history h JOIN channel c ON c.id = h.channel_id
                            WHERE c.account_id = ?
                        UNION ALL SELECT v::text FROM channel_verification v JOIN channel c ON c.id = v.channel_id
                            WHERE c.account_id = ?) rows""", account, account, account);
        }
    }
}
