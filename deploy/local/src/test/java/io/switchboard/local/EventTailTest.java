package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the demo waits on: an event on a real broker is printed as it comes and then found by {@code seen}. */
class EventTailTest {

    @Test
    void anEventIsPrintedAndThenSeen() {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String channel = UUID.randomUUID().toString();
        try (EventTail tail = new EventTail(
                        bootstrap,
                        List.of(Topics.CHANNEL_STATUS),
                        new EventSummary(new ObjectMapper()),
                        new PrintStream(printed, true, StandardCharsets.UTF_8));
                TestEvents events = new TestEvents(bootstrap)) {
            events.publish(
                    Topics.CHANNEL_STATUS,
                    channel,
                    Streams.CHANNEL_STATUS.type(),
                    TestEvents.statusChanged("demo", channel, ChannelStatus.STARTING, ChannelStatus.QR_REQUIRED, 2));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> tail.seen(Topics.CHANNEL_STATUS, channel, "status", "QR_REQUIRED"));
            assertThat(tail.seen(Topics.CHANNEL_STATUS, channel, "status", "ACTIVE"))
                    .isFalse();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(channel).contains("STARTING -> QR_REQUIRED");
    }
}
