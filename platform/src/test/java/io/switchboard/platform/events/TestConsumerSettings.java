package io.switchboard.platform.events;

import java.time.Duration;
import java.util.Map;

/** Consumer settings for the loop's tests: short back-offs, so that a test sees many retries in little time. */
record TestConsumerSettings(
        int deadLetterAfter, Duration retryInitialBackoff, Duration retryMaxBackoff, Duration attemptTimeout)
        implements ConsumerSettings {

    static TestConsumerSettings fast() {
        return new TestConsumerSettings(4, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(5));
    }

    @Override
    public String groupId() {
        return "test";
    }

    @Override
    public int concurrency() {
        return 1;
    }

    @Override
    public int maxPollRecords() {
        return 500;
    }

    @Override
    public Duration batchLinger() {
        return Duration.ZERO;
    }

    @Override
    public Duration stalledAfter() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Duration dedupeRetention() {
        return Duration.ofDays(8);
    }

    @Override
    public Duration pruneEvery() {
        return Duration.ofHours(1);
    }

    @Override
    public Map<String, PerConsumer> consumer() {
        return Map.of();
    }
}
