package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values the schema used to let through although the API server or the kubelet refuses them are refused at install,
 * naming the value; values platform teams need and the schema used to refuse are taken and rendered as given.
 */
class ClusterRulesTest {

    private static final String CHANNEL = "channel-service";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'extraEnvVars: [{name: QUARKUS_HTTP_IDLE_TIMEOUT, value: 30}]'         | /extraEnvVars/0/value
            'extraEnvVars: [{name: QUARKUS_LOG_LEVEL, value: true}]'               | /extraEnvVars/0/value
            'extraEnvVars: [{name: "1ST VAR", value: "x"}]'                         | /extraEnvVars/0/name
            'extraEnvVars: [{name: A, vaule: "x"}]'                                 | additional properties 'vaule' not allowed
            'podLabels: {team: "platform team"}'                                    | /podLabels/team
            'podLabels: {"-team": a}'                                               | invalid propertyName '-team'
            'commonLabels: {owner: "a/b"}'                                          | /commonLabels/owner
            'nameOverride: Channel_Service'                                         | /nameOverride
            'fullnameOverride: a-name-that-is-longer-than-sixty-three-characters-which-kubernetes-refuses' | /fullnameOverride
            'podAnnotations: {checked: true}'                                       | /podAnnotations/checked
            'podSecurityContext: {fsGroupChangePolicy: Sometimes}'                  | /podSecurityContext/fsGroupChangePolicy
            """)
    void aValueKubernetesWouldRefuseFailsTheInstall(String valuesYaml, String message) {
        assertThatThrownBy(() -> Charts.template(CHANNEL, valuesYaml))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'containerSecurityContext: {runAsUser: 0}'
            'podSecurityContext: {runAsUser: 0}, containerSecurityContext: {runAsUser: null}'
            """)
    void rootWhileRunAsNonRootIsRefused(String valuesYaml) {
        assertThatThrownBy(() -> Charts.template(CHANNEL, "{" + valuesYaml + "}"))
                .hasMessageContaining("runAsUser is 0 (root) while runAsNonRoot is true");
    }

    @Test
    void aPodUserOfRootIsTakenWhenTheContainerRunsAsAnother() {
        Deployment deployment =
                Charts.template(CHANNEL, "podSecurityContext: {runAsUser: 0}").deployment("switchboard-" + CHANNEL);
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getSecurityContext()
                        .getRunAsUser())
                .isEqualTo(185L);
    }

    @Test
    void rootIsTakenWhenRunAsNonRootIsOff() {
        Deployment deployment = Charts.template(CHANNEL, """
                        podSecurityContext: {runAsNonRoot: false, runAsUser: 0}
                        containerSecurityContext: {runAsNonRoot: false, runAsUser: 0}
                        """).deployment("switchboard-" + CHANNEL);
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getSecurityContext()
                        .getRunAsUser())
                .isZero();
    }

    @Test
    void theSecurityValuesPlatformTeamsNeedAreRendered() {
        Deployment deployment = Charts.template(CHANNEL, """
                        podSecurityContext: {supplementalGroups: [2000, 3000], fsGroupChangePolicy: Always}
                        containerSecurityContext: {runAsGroup: 3000}
                        extraEnvVars:
                          - {name: QUARKUS_LOG_LEVEL, value: DEBUG}
                          - name: FROM_SECRET
                            valueFrom: {secretKeyRef: {name: extra, key: value}}
                        """).deployment("switchboard-" + CHANNEL);
        PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(pod.getSupplementalGroups()).containsExactly(2000L, 3000L);
        assertThat(pod.getFsGroupChangePolicy()).isEqualTo("Always");
        assertThat(pod.getRunAsGroup()).isEqualTo(185L);
        var container =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getRunAsGroup()).isEqualTo(3000L);
        assertThat(container.getEnv())
                .filteredOn(variable -> variable.getName().equals("FROM_SECRET"))
                .singleElement()
                .satisfies(variable -> assertThat(
                                variable.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("extra"));
    }

    @Test
    void theServiceMonitorTakesRelabelings() {
        HasMetadata monitor =
                Charts.template(CHANNEL, """
                        metrics:
                          serviceMonitor:
                            enabled: true
                            relabelings: [{action: replace, targetLabel: cluster, replacement: eu-1}]
                            metricRelabelings: [{action: drop, sourceLabels: [__name__], regex: jvm_.*}]
                        """).ofKind("ServiceMonitor").get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint =
                ((List<Map<String, Object>>) Rendered.spec(monitor).get("endpoints")).get(0);
        assertThat(endpoint.get("relabelings").toString()).contains("targetLabel=cluster");
        assertThat(endpoint.get("metricRelabelings").toString()).contains("regex=jvm_.*");
    }

    @Test
    void aKafkaPasswordWithQuotesAndBackslashesGivesAJaasLineKafkaReadsBack() {
        String password = "p\"a\\ss\\\"word";
        String values = """
                global:
                  kafka:
                    sasl: {enabled: true, username: "sw\\"itch", password: %s}
                """.formatted(yamlString(password));
        Secret secret = Charts.template(CHANNEL, values)
                .named(Secret.class, "switchboard-" + CHANNEL)
                .orElseThrow();
        String jaas = new String(
                Base64.getDecoder().decode(secret.getData().get("kafka-sasl-jaas-config")), StandardCharsets.UTF_8);
        AppConfigurationEntry entry = JaasContext.loadClientContext(
                        Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)))
                .configurationEntries()
                .get(0);
        Map<String, Object> options = Map.copyOf(entry.getOptions());
        assertThat(options).containsEntry("password", password).containsEntry("username", "sw\"itch");
    }

    /** A YAML double-quoted string of {@code text}. */
    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
