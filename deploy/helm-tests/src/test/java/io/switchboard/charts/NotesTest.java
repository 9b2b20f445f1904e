package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code helm install} tells the operator: what was installed, how to verify it, what is still missing. */
class NotesTest {

    @Test
    void theDefaultsTellWhatIsInstalledHowToVerifyItAndWhatIsMissing() {
        String notes = Charts.notes(Charts.UMBRELLA, null);
        assertThat(notes)
                .contains(
                        "installed as release switchboard in namespace messaging",
                        "channel-service: 2 replica(s), database jdbc:postgresql://postgresql:5432/channel",
                        "KafkaTopic resources (kafka.strimzi.io/v1) for Strimzi cluster \"kafka\", 6 partitions each",
                        "kubectl -n messaging rollout status deployment/switchboard-message-queue-service",
                        "curl -s localhost:8081/q/health/ready");
        assertThat(notes)
                .contains(
                        "ACTION REQUIRED",
                        "No JWT public key: set global.jwt.publicKey",
                        "global.provider.baseUrl is not set",
                        "billing-service: no database password");
        assertThat(notes).doesNotContain("provider-simulator (staging");
    }

    @Test
    void productionValuesNeedNoAction() {
        String notes = Charts.notes(Charts.UMBRELLA, ValueSets.file(Charts.UMBRELLA, "production"));
        assertThat(notes)
                .contains(
                        "Kafka: events-kafka-bootstrap.kafka:9093 (TLS) (SASL SCRAM-SHA-512)",
                        "channel-service: 3 to 12 replicas (autoscaled)",
                        "message-queue-service: 3 replica(s)",
                        "12 partitions each",
                        "kubectl -n kafka get kafkatopics");
        assertThat(notes).doesNotContain("ACTION REQUIRED");
    }

    @Test
    void withoutTopicsItSaysWhichTopicsToCreate() {
        assertThat(Charts.notes(Charts.UMBRELLA, ValueSets.file(Charts.UMBRELLA, "topics-off")))
                .contains(
                        "Topics: not managed by this chart; create every topic in deploy/helm/switchboard/files/topics.json");
    }

    @Test
    void aServiceChartOnItsOwnTellsTheSame() {
        String notes = Charts.notes("message-queue-service", null);
        assertThat(notes)
                .contains(
                        "message-queue-service 0.1.0-SNAPSHOT is installed",
                        "kubectl -n messaging rollout status deployment/switchboard-message-queue-service",
                        "ACTION REQUIRED",
                        "create secret generic switchboard-message-queue-service-jwt",
                        "image tag 0.1.0-SNAPSHOT moves; pin a release tag or image.digest");
    }
}
