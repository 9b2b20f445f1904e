package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the pods of a service come and go: a changed key rolls them, replicas land on different nodes and zones, a
 * stopping pod leaves the Service before it stops serving, and the autoscaler gets only metrics the API accepts.
 */
class RolloutTest {

    private static final String QUEUE = "message-queue-service";

    private static Deployment deployment(String chart, String valuesYaml) {
        return Charts.template(chart, valuesYaml).deployment("switchboard-" + chart);
    }

    private static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static Container container(Deployment deployment) {
        return pod(deployment).getContainers().get(0);
    }

    private static String env(Deployment deployment, String name) {
        return container(deployment).getEnv().stream()
                .filter(variable -> name.equals(variable.getName()))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    @Test
    void aNewJwtPublicKeyRollsThePods() {
        String before = deployment(QUEUE, "global: {jwt: {publicKey: " + pem("AAAA") + "}}")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/jwt");
        String after = deployment(QUEUE, "global: {jwt: {publicKey: " + pem("BBBB") + "}}")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/jwt");
        assertThat(before).isNotBlank();
        assertThat(after).isNotBlank().isNotEqualTo(before);
    }

    private static String pem(String body) {
        return "\"-----BEGIN PUBLIC KEY-----\\n" + body + "\\n-----END PUBLIC KEY-----\\n\"";
    }

    @Test
    void byDefaultReplicasPreferDifferentNodesAndZones() {
        PodSpec pod = pod(deployment(QUEUE, "{}"));
        var preferred = pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(preferred).singleElement().satisfies(term -> {
            assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", QUEUE)
                    .containsEntry("app.kubernetes.io/instance", "switchboard");
        });
        assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(spread.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", QUEUE);
        });
    }

    @Test
    void hardPresetsRequireDifferentNodesAndZones() {
        PodSpec pod = pod(deployment(QUEUE, "{podAntiAffinityPreset: hard, zoneSpreadPreset: hard}"));
        assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .isNullOrEmpty();
        assertThat(pod.getTopologySpreadConstraints())
                .singleElement()
                .satisfies(spread -> assertThat(spread.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule"));
    }

    @Test
    void anAffinityOrSpreadOfTheTeamsOwnReplacesThePresets() {
        PodSpec pod = pod(deployment(QUEUE, """
                affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [
                  {matchExpressions: [{key: pool, operator: In, values: [messaging]}]}]}}}
                topologySpreadConstraints:
                  - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,
                     labelSelector: {matchLabels: {app.kubernetes.io/name: message-queue-service}}}
                """));
        assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
        assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
        assertThat(pod.getTopologySpreadConstraints())
                .singleElement()
                .satisfies(spread -> assertThat(spread.getMaxSkew()).isEqualTo(2));
        PodSpec none = pod(deployment(QUEUE, "{podAntiAffinityPreset: none, zoneSpreadPreset: none}"));
        assertThat(none.getAffinity()).isNull();
        assertThat(none.getTopologySpreadConstraints()).isNullOrEmpty();
    }

    @Test
    void aStoppingPodGetsAShutdownDelayBelowItsGracePeriod() {
        Deployment deployment = deployment(QUEUE, "{}");
        assertThat(env(deployment, "QUARKUS_SHUTDOWN_DELAY")).isEqualTo("5s");
        assertThat(deployment(QUEUE, "{shutdownDelaySeconds: 0}")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv())
                .noneMatch(variable -> variable.getName().equals("QUARKUS_SHUTDOWN_DELAY"));
        assertThatThrownBy(
                        () -> Charts.template(QUEUE, "{shutdownDelaySeconds: 60, terminationGracePeriodSeconds: 45}"))
                .hasMessageContaining("shutdownDelaySeconds (60) must be below terminationGracePeriodSeconds (45)");
    }

    @Test
    void lifecycleHooksAndMinReadySecondsAreTheTeams() {
        Deployment deployment =
                deployment(QUEUE, "{lifecycle: {preStop: {sleep: {seconds: 10}}}, minReadySeconds: 15}");
        assertThat(container(deployment).getLifecycle().getPreStop().getSleep().getSeconds())
                .isEqualTo(10L);
        assertThat(deployment.getSpec().getMinReadySeconds()).isEqualTo(15);
        assertThat(deployment(QUEUE, "{}").getSpec().getMinReadySeconds()).isNull();
    }

    @Test
    void aRollingUpdateThatCouldNeverReplaceAPodIsRefused() {
        assertThatThrownBy(() ->
                        Charts.template(QUEUE, "updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"))
                .hasMessageContaining("maxSurge and maxUnavailable are both 0");
        assertThatThrownBy(() -> Charts.template(
                        QUEUE, "updateStrategy: {rollingUpdate: {maxSurge: \"0%\", maxUnavailable: 0}}"))
                .hasMessageContaining("maxSurge and maxUnavailable are both 0");
        // Recreate has no rolling update at all.
        assertThat(deployment(QUEUE, "updateStrategy: {type: Recreate, rollingUpdate: {maxSurge: 0}}")
                        .getSpec()
                        .getStrategy()
                        .getType())
                .isEqualTo("Recreate");
    }

    @Test
    void theAutoscalerScalesOnMemoryOnlyWhenATargetIsSetAndTakesABehaviour() {
        HorizontalPodAutoscaler cpuOnly = Charts.template(QUEUE, "autoscaling: {enabled: true}")
                .all(HorizontalPodAutoscaler.class)
                .get(0);
        assertThat(cpuOnly.getSpec().getMetrics())
                .extracting(metric -> metric.getResource().getName())
                .containsExactly("cpu");
        HorizontalPodAutoscaler both =
                Charts.template(QUEUE, """
                        autoscaling:
                          enabled: true
                          targetMemoryUtilizationPercentage: 80
                          behavior: {scaleDown: {stabilizationWindowSeconds: 600}}
                        """).all(HorizontalPodAutoscaler.class).get(0);
        assertThat(both.getSpec().getMetrics())
                .extracting(MetricSpec::getResource)
                .anySatisfy(memory -> {
                    assertThat(memory.getName()).isEqualTo("memory");
                    assertThat(memory.getTarget().getAverageUtilization()).isEqualTo(80);
                });
        assertThat(both.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds())
                .isEqualTo(600);
        assertThat(both.getSpec().getMetrics())
                .allSatisfy(
                        metric -> assertThat(metric.getResource().getTarget().getAverageUtilization())
                                .isPositive());
    }

    @Test
    void aMemoryTargetOfZeroHandedOverAsAJsonNumberAddsNoMemoryMetric() {
        // Helm 3.18.0's json.Number, played by the string "0": no Helm 3.18 can be had here to render it itself.
        HorizontalPodAutoscaler autoscaler = Charts.templateWithoutSchema(QUEUE, """
                        autoscaling: {enabled: true, targetMemoryUtilizationPercentage: "0"}
                        """)
                .all(HorizontalPodAutoscaler.class)
                .get(0);
        assertThat(autoscaler.getSpec().getMetrics())
                .extracting(metric -> metric.getResource().getName())
                .containsExactly("cpu");
    }

    @Test
    void thePodsCarryTheTeamsCommonLabelsButTheSelectorDoesNot() {
        Rendered rendered = Charts.template(
                QUEUE, "{commonLabels: {team: messaging}, global: {commonLabels: {cost-centre: \"42\"}}}");
        assertThat(rendered.objects())
                .allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                        .containsEntry("team", "messaging")
                        .containsEntry("cost-centre", "42"));
        Deployment deployment = rendered.deployment("switchboard-" + QUEUE);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "messaging");
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKeys("team", "cost-centre");
        assertThat(Map.copyOf(deployment.getSpec().getSelector().getMatchLabels()))
                .hasSize(2);
    }
}
