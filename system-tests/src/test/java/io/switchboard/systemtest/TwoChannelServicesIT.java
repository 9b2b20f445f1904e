package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.process.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two channel-service instances in one consumer group share provider.events.v1: every channel's transitions are
 * applied exactly once and in order, whichever instance received the webhook and whichever consumes its partition.
 */
class TwoChannelServicesIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXPECTED =
            List.of("STARTING", "QR_REQUIRED", "ACTIVE", "STARTING", "ACTIVE", "SYNC_ERROR", "ACTIVE");

    @Test
    void eachChannelsTransitionsAreAppliedOnceAndInOrder() throws Exception {
        LocalPlatformUnderTest platform = LocalPlatformUnderTest.shared();
        await().atMost(STEP).until(() -> providerEventConsumers(platform) > 0);
        long alone = providerEventConsumers(platform);
        ServiceProcess second = platform.startSecondChannelService();
        try (TopicRecorder topics = TopicRecorder.recording(platform.kafka(), Topics.CHANNEL_STATUS)) {
            // The second instance's consumers hold partitions too (each instance runs several consumers).
            await().atMost(STEP).until(() -> providerEventConsumers(platform) > alone);
            String token =
                    platform.token("replicas-" + ThreadLocalRandom.current().nextInt(1_000_000));
            List<String> instances = List.of(platform.channelService(), second.baseUrl());

            // Channels created on either instance: the provider calls back the instance that opened its session.
            List<String[]> channels = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String instance = instances.get(i % 2);
                String phone = platform.freshPhone();
                var created = given().baseUri(instance)
                        .auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body("{\"phone\":\"" + phone + "\",\"name\":\"Replica " + i + "\"}")
                        .post("/v1/channels")
                        .then();
                if (created.extract().statusCode() == 409) {
                    i--; // the random number is taken: pick another
                    continue;
                }
                String id = created.statusCode(201).extract().path("id");
                await().atMost(STEP).until(() -> field(platform, token, id, "providerChannelId") != null);
                channels.add(new String[] {id, field(platform, token, id, "providerChannelId")});
            }

            for (String[] channel : channels) {
                await().atMost(STEP).until(() -> "QR_REQUIRED".equals(field(platform, token, channel[0], "status")));
                given().baseUri(platform.simulator())
                        .post("/control/channels/{id}/scan", channel[1])
                        .then()
                        .statusCode(200);
                for (String status : List.of("LAUNCH", "AUTH", "SYNC_ERROR", "AUTH")) {
                    given().baseUri(platform.simulator())
                            .contentType(ContentType.JSON)
                            .body("{\"status\":\"" + status + "\"}")
                            .post("/control/channels/{id}/health", channel[1])
                            .then()
                            .statusCode(200);
                }
            }

            for (String[] channel : channels) {
                String id = channel[0];
                await().atMost(STEP)
                        .untilAsserted(() -> assertThat(statuses(topics, id))
                                .as("status events of %s", id)
                                .containsExactlyElementsOf(EXPECTED));
                List<Long> versions = topics.on(Topics.CHANNEL_STATUS, id).stream()
                        .map(r -> json(r).path("version").asLong())
                        .toList();
                assertThat(versions).as("versions of %s", id).isSorted().doesNotHaveDuplicates();

                JsonNode history = JSON.readTree(given().baseUri(instances.get(1))
                        .auth()
                        .oauth2(token)
                        .get("/v1/channels/{id}/history", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
                List<Long> historyVersions = new ArrayList<>();
                List<String> changes = new ArrayList<>();
                for (JsonNode item : history.path("items")) {
                    historyVersions.add(item.path("version").asLong());
                    if (!item.path("previousStatus")
                            .asText()
                            .equals(item.path("status").asText())) {
                        changes.add(item.path("status").asText());
                    }
                }
                assertThat(historyVersions)
                        .as("history versions of %s", id)
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, historyVersions.size())
                                .boxed()
                                .toList());
                assertThat(changes).as("history of %s", id).containsExactlyElementsOf(EXPECTED);
            }
        } finally {
            second.stop();
        }
    }

    /** How many consumers hold provider.events.v1 partitions in the channel-service group. */
    private static long providerEventConsumers(LocalPlatformUnderTest platform) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka());
        try (Admin admin = Admin.create(props)) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(Set.of("channel-service"))
                    .all()
                    .get();
            return groups.get("channel-service").members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(Topics.PROVIDER_EVENTS)))
                    .map(member -> member.host() + member.clientId() + member.consumerId())
                    .collect(Collectors.toSet())
                    .size();
        }
    }

    private static List<String> statuses(TopicRecorder topics, String id) {
        return topics.on(Topics.CHANNEL_STATUS, id).stream()
                .map(r -> json(r))
                .filter(event -> !event.path("previousStatus")
                        .asText()
                        .equals(event.path("status").asText()))
                .map(event -> event.path("status").asText())
                .toList();
    }

    private static String field(LocalPlatformUnderTest platform, String token, String id, String field) {
        return given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path(field);
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
