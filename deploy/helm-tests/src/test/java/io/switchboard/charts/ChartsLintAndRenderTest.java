package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} and {@code helm template} of every installable chart with every value set. */
class ChartsLintAndRenderTest {

    static Stream<Arguments> chartsAndSets() {
        return Charts.installable().stream()
                .flatMap(chart -> ValueSets.ALL.stream().map(set -> Arguments.of(chart, set)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("chartsAndSets")
    void lintsCleanAndRendersKubernetesObjects(String chart, String set) {
        LintResult lint = Charts.lint(chart, set);
        assertThat(lint.isFailed())
                .as("helm lint --strict %s with %s:%n%s", chart, set, String.join("\n", lint.getMessages()))
                .isFalse();

        Rendered rendered = ValueSets.render(chart, set);
        assertThat(rendered.objects()).as("objects of %s with %s", chart, set).isNotEmpty();
        assertThat(rendered.objects()).allSatisfy(object -> {
            assertThat(object.getMetadata().getName()).as(object.getKind()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(object.getMetadata().getName().length())
                    .as(object.getKind() + " name")
                    .isLessThanOrEqualTo(63);
        });
    }
}
