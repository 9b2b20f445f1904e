package io.switchboard.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void theWaitDoublesWithEachFailureAndIsDrawnBetweenHalfAndAllOfIt() {
        for (int failures = 1; failures <= 6; failures++) {
            long ceiling = 100L << (failures - 1);
            int n = failures;
            IntStream.range(0, 200)
                    .mapToObj(i -> backoff.after(n))
                    .forEach(wait -> assertThat(wait.toMillis())
                            .as("after %d failures", n)
                            .isBetween(ceiling / 2, ceiling));
        }
    }

    @Test
    void theWaitStopsGrowingAtTheMaximumHoweverManyFailures() {
        for (int failures : new int[] {7, 30, 64, Integer.MAX_VALUE}) {
            assertThat(backoff.after(failures)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
    }

    @Test
    void replicasRetryingTogetherDoNotRetryInStep() {
        assertThat(IntStream.range(0, 50)
                        .mapToObj(i -> backoff.after(4))
                        .distinct()
                        .count())
                .isGreaterThan(10);
    }

    @Test
    void aBackoffThatCouldNeverWaitIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
