package io.switchboard.queue.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.queue.metrics.QueueMetrics;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SendOutcomeKindsTest {

    @Test
    void everyKindIsAnOutcomeTheDispatchCounterShowsFromTheStart() {
        // Completions counts each kind under its name; the counters registered at start-up are the documented ones.
        assertThat(Arrays.stream(SendOutcome.Kind.values()).map(Enum::name))
                .containsExactlyElementsOf(QueueMetrics.DISPATCH_OUTCOMES);
    }
}
