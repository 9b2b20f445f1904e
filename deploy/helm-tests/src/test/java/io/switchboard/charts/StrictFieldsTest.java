package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every object every chart renders, with every value set, has only fields its Kubernetes API type has. */
class StrictFieldsTest {

    static final List<String> SETS = ValueSets.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("SETS")
    void everyRenderedObjectHasOnlyFieldsOfItsType(String set) {
        for (String chart : Charts.installable()) {
            List<String> unknown = new ArrayList<>();
            for (HasMetadata object : ValueSets.render(chart, set).objects()) {
                unknown.addAll(UnknownFields.of(object));
            }
            assertThat(unknown)
                    .as("fields unknown to the API in %s with %s", chart, set)
                    .isEmpty();
        }
    }

    @Test
    void theValuesPlatformTeamsAddRenderOnlyKnownFields() {
        Rendered rendered = Charts.template("message-queue-service", """
                autoscaling: {enabled: true, targetMemoryUtilizationPercentage: 80,
                              behavior: {scaleDown: {stabilizationWindowSeconds: 600}}}
                lifecycle: {preStop: {sleep: {seconds: 5}}}
                minReadySeconds: 10
                podSecurityContext: {supplementalGroups: [2000], fsGroupChangePolicy: Always}
                containerSecurityContext: {runAsGroup: 3000}
                ingress: {enabled: true, hostname: '*.example.com', tls: true}
                commonLabels: {team: messaging}
                podAntiAffinityPreset: hard
                """);
        assertThat(rendered.objects()).flatExtracting(UnknownFields::of).isEmpty();
    }

    @Test
    void aMisplacedFieldOfACustomResourceIsFound() {
        Rendered rendered = Charts.template("message-queue-service", """
                metrics:
                  serviceMonitor:
                    enabled: true
                    relabelings: [{sourceLabel: [__meta_kubernetes_pod_node_name], targetLabel: node}]
                """);
        assertThat(rendered.objects())
                .flatExtracting(UnknownFields::of)
                .containsExactly("ServiceMonitor.spec.endpoints[0].relabelings[0].sourceLabel");
    }

    @Test
    void aMisplacedFieldIsFound() {
        Rendered rendered = Charts.template("message-queue-service", """
                extraVolumes: [{name: cache, emptyDir: {}, sizeLimt: 1Gi}]
                lifecycle: {preStop: {slep: {seconds: 5}}}
                """);
        assertThat(rendered.objects())
                .flatExtracting(UnknownFields::of)
                .containsExactlyInAnyOrder(
                        "Deployment.spec.template.spec.volumes[3].sizeLimt",
                        "Deployment.spec.template.spec.containers[0].lifecycle.preStop.slep");
    }
}
