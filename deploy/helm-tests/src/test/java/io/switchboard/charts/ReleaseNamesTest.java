package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the charts name and say: right whatever the release is called, and never two releases' objects alike. */
class ReleaseNamesTest {

    private static final Pattern ROLLOUT = Pattern.compile("rollout status deployment/(\\S+)");
    private static final Pattern PORT_FORWARD = Pattern.compile("port-forward service/(\\S+)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"switchboard", "channel-service", "eu-billing-service", "messaging"})
    void theNotesNameTheDeploymentsAndServiceTheReleaseInstalls(String release) {
        Rendered rendered = Charts.template(Charts.UMBRELLA, release, "{}");
        Set<String> deployments = rendered.all(Deployment.class).stream()
                .map(deployment -> deployment.getMetadata().getName())
                .collect(Collectors.toSet());
        String notes = Charts.notes(Charts.UMBRELLA, release, null);
        List<String> named =
                ROLLOUT.matcher(notes).results().map(match -> match.group(1)).toList();
        assertThat(named).hasSize(4);
        assertThat(deployments).containsAll(named);
        Matcher forward = PORT_FORWARD.matcher(notes);
        assertThat(forward.find()).isTrue();
        assertThat(rendered.ofKind("Service"))
                .extracting(service -> service.getMetadata().getName())
                .contains(forward.group(1));
    }

    @Test
    void twoReleasesInOneNamespaceRenderNoKafkaTopicOfTheSameName() {
        Set<String> first = topicNames("switchboard");
        Set<String> second = topicNames("switchboard-eu");
        assertThat(first).hasSameSizeAs(second).isNotEmpty();
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(first)
                .allSatisfy(name -> assertThat(name)
                        .startsWith("switchboard-")
                        .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")
                        .hasSizeLessThanOrEqualTo(253));
    }

    private static Set<String> topicNames(String release) {
        return Charts.template(Charts.UMBRELLA, release, "{}").ofKind("KafkaTopic").stream()
                .map(HasMetadata::getMetadata)
                .map(metadata -> metadata.getName())
                .collect(Collectors.toSet());
    }

    @Test
    void eachServiceChartSaysWhatItsIngressIsFor() throws IOException {
        for (String chart : Charts.SERVICES) {
            String ingressLine = Files.readAllLines(Charts.source(chart).resolve("values.yaml")).stream()
                    .filter(line -> line.contains("@param ingress.enabled"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ingressLine).contains("(" + chart + ":");
            if (!chart.equals("channel-service")) {
                assertThat(ingressLine).doesNotContain("webhooks");
            }
        }
    }
}
