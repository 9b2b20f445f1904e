package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values a platform engineer gets wrong fail the install with a message that names the value. */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            replicaCont                          | 3                      | channel-service | additional properties 'replicaCont' not allowed
            replicaCount                         | -1                     | channel-service | /replicaCount
            image.tagg                           | 1.0                    | billing-service | additional properties 'tagg' not allowed
            image.pullPolicy                     | Sometimes              | billing-service | /image/pullPolicy
            image.digest                         | 1234                   | billing-service | /image/digest
            service.port                         | 70000                  | notification-service | /service/port
            database.url                         | postgres://db/channel  | channel-service | /database/url
            mail.startTls                        | YES                    | notification-service | /mail/startTls
            global.kafka.sasl.mechanism          | GSSAPI                 | message-queue-service | /global/kafka/sasl/mechanism
            jvm.maxRamPercentage                 | 120                    | message-queue-service | /jvm/maxRamPercentage
            config.unknown-setting               | x                      | channel-service | invalid propertyName 'unknown-setting'
            """)
    void aServiceChartRefusesAWrongValue(String key, String value, String chart, String message) {
        assertThatThrownBy(() -> Charts.template(chart, null, Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @Test
    void aStringForReplicasIsRefusedNamingTheValue() {
        java.nio.file.Path values = ValueSets.write(
                ValueSets.YAML.createObjectNode().put("replicaCount", "3"),
                java.nio.file.Path.of("target/values/replicas-as-string.yaml"));
        assertThatThrownBy(() -> Charts.template("channel-service", values, Map.of()))
                .hasMessageContaining("/replicaCount")
                .hasMessageContaining("want integer");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            topic.partitions                     | 12                     | additional properties 'topic' not allowed
            topics.partitions                    | 0                      | /topics/partitions
            topics.apiVersion                    | kafka.strimzi.io/v1alpha1 | /topics/apiVersion
            alerts.enabeld                       | true                   | additional properties 'enabeld' not allowed
            channel-service.replicaCont          | 3                      | channel-service
            message-queue-service.autoscaling.maxReplica | 3              | additional properties 'maxReplica' not allowed
            """)
    void theUmbrellaChartRefusesAWrongValueAlsoInAServicesSection(String key, String value, String message) {
        assertThatThrownBy(() -> Charts.template(Charts.UMBRELLA, null, Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @Test
    void contradictoryValuesFailWithWhatToDo() {
        assertThatThrownBy(() -> Charts.template(Charts.UMBRELLA, null, Map.of("global.kafka.tls.enabled", "true")))
                .hasMessageContaining("kafka.tls.caSecret");
        assertThatThrownBy(() -> Charts.template(Charts.UMBRELLA, null, Map.of("global.kafka.sasl.enabled", "true")))
                .hasMessageContaining("kafka.sasl.existingSecret");
        assertThatThrownBy(() -> Charts.template(
                        "billing-service",
                        null,
                        Map.of(
                                "autoscaling.enabled",
                                "true",
                                "autoscaling.minReplicas",
                                "5",
                                "autoscaling.maxReplicas",
                                "2")))
                .hasMessageContaining("autoscaling.minReplicas (5) is above autoscaling.maxReplicas (2)");
        assertThatThrownBy(() -> Charts.template(
                        "billing-service", null, Map.of("pdb.minAvailable", "1", "pdb.maxUnavailable", "1")))
                .hasMessageContaining("set pdb.minAvailable or pdb.maxUnavailable, not both");
    }
}
