package io.switchboard.queue;

import static io.switchboard.queue.QueueApi.awaitState;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.matrix.AccountRows;
import io.switchboard.testkit.matrix.BadInputMatrix;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, from its OpenAPI document, answers bad input with a 4xx problem and stores nothing
 * (see {@link BadInputMatrix}); a bad item of a batch is refused alone ({@link AcceptTest}).
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class BadInputMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH = "POST /v1/channels/{channelId}/messages:batch";

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationRefusesBadInputWithAProblemAndStoresNothing() throws Exception {
        String account = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = channel(account, ChannelStatus.STARTING); // messages are held: nothing moves by itself
        String message = send(account, channel, "+14155550191", "held")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, message, "FROZEN");

        var tokens = TestInfrastructure.get().tokens();
        String one = "{\"chatId\":\"+14155550192\",\"text\":\"hello\"}";
        BadInputMatrix.Report report = new BadInputMatrix(new BadInputMatrix.Setup(
                        URI.create(base.toString()),
                        tokens.token(account),
                        tokens.token("matrix-other"),
                        tokens.expiredToken(account),
                        Map.of("channelId", channel, "id", message, "accountId", account),
                        Map.of(
                                "POST /v1/channels/{channelId}/messages",
                                JSON.readTree(one),
                                BATCH,
                                JSON.readTree("{\"messages\":[" + one + "]}"),
                                "PUT /v1/accounts/{accountId}/send-policy",
                                JSON.readTree("{\"overrides\":{\"STARTING\":\"REJECT\"}}"),
                                "PUT /v1/accounts/{accountId}/queue-settings",
                                JSON.readTree("{\"releaseMode\":\"HOLD\"}")),
                        Set.of(BATCH),
                        operation -> true,
                        AccountRows.of(account, Set.of())))
                .run();

        System.out.println("Bad-input matrix of message-queue-service: " + report.summary());
        assertThat(report.operations()).hasSizeGreaterThan(8);
        assertThat(report.schemaFindings()).as(report.summary()).isEmpty();
        assertThat(report.findings()).as(report.summary()).isEmpty();
    }
}
