package io.switchboard.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which failures use up an outbox row's attempts: a partition that is down for a while (whatever the other partitions
 * do meanwhile) sets none of its events aside; a record Kafka refuses does, after {@code max-attempts}.
 */
@Tag("fast")
class OutboxRelayFailureRuleTest {

    @Test
    void aPartitionThatIsDownForAWhileCountsNothingAgainstItsRows() {
        assertThat(OutboxRelay.counted(7, new NotEnoughReplicasException("1 in sync, 2 required")))
                .isEqualTo(7);
        assertThat(OutboxRelay.counted(7, new NotLeaderOrFollowerException("leader moved")))
                .isEqualTo(7);
        assertThat(OutboxRelay.counted(7, new UnknownTopicOrPartitionException("partition 3")))
                .isEqualTo(7);
        assertThat(OutboxRelay.counted(7, new TimeoutException("not acknowledged within 2000 ms")))
                .isEqualTo(7);
        assertThat(OutboxRelay.counted(0, new ExecutionException(new NotEnoughReplicasException("wrapped"))))
                .isZero();
    }

    @Test
    void aRecordKafkaRefusesCountsEveryTime() {
        assertThat(OutboxRelay.counted(7, new RecordTooLargeException("1.5 MB")))
                .isEqualTo(8);
        assertThat(OutboxRelay.counted(0, new InvalidTopicException("no such name")))
                .isEqualTo(1);
        assertThat(OutboxRelay.counted(2, new IllegalStateException("a serializer's own failure")))
                .isEqualTo(3);
    }
}
