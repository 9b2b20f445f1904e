package io.switchboard.simulator.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SimulatedChannelTest {

    private final SimulatedChannel channel = new SimulatedChannel(1, "SIM-AAAAAA", "Sales", "+14155550101", null);

    @Test
    void uptimeGrowsEvenWithinOneSecond() {
        channel.startSession(1_000);
        assertThat(channel.nextUptime(1_000)).isEqualTo(1);
        assertThat(channel.nextUptime(1_000)).isEqualTo(2);
        assertThat(channel.nextUptime(1_010)).isEqualTo(10);
        assertThat(channel.nextUptime(1_010)).isEqualTo(11);
    }

    @Test
    void aRestartWithinTheSameSecondStillStartsALaterSession() {
        channel.startSession(1_000);
        channel.nextUptime(1_000);
        channel.startSession(1_000);
        assertThat(channel.startAt()).isEqualTo(1_001);
        assertThat(channel.nextUptime(1_000)).isEqualTo(1);
        channel.startSession(2_000);
        assertThat(channel.startAt()).isEqualTo(2_000);
    }

    @Test
    void theUserIdIsThePhonesDigits() {
        assertThat(channel.userId()).isEqualTo("14155550101");
    }

    @Test
    void timestampsNeverGoBackAndTwoEventsOfOneKindNeverShareOne() {
        assertThat(channel.nextTimestamp(1_000, null)).isEqualTo(1_000);
        assertThat(channel.nextTimestamp(1_000, null)).isEqualTo(1_000);
        assertThat(channel.nextTimestamp(1_000, "phone.offline")).isEqualTo(1_000);
        assertThat(channel.nextTimestamp(1_000, "phone.online")).isEqualTo(1_000);
        assertThat(channel.nextTimestamp(1_000, "phone.offline")).isEqualTo(1_001);
        assertThat(channel.nextTimestamp(1_000, null)).isEqualTo(1_001);
        assertThat(channel.nextTimestamp(1_005, "phone.offline")).isEqualTo(1_005);
        assertThat(channel.nextTimestamp(1_003, "users.post")).isEqualTo(1_005);
    }

    @Test
    void aTakeOverSucceedsAfterTheScriptedNumberOfFailures() {
        channel.openedElsewhere(2);
        assertThat(channel.takeOver()).isFalse();
        assertThat(channel.takeOver()).isFalse();
        assertThat(channel.takeOver()).isTrue();
        assertThat(channel.openedElsewhere()).isFalse();
        assertThat(channel.takeoverAttempts()).isEqualTo(3);

        channel.openedElsewhere(null);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(channel.takeOver()).isFalse();
        }
        assertThat(channel.openedElsewhere()).isTrue();
    }

    @Test
    void aStuckChannelHangsForTheScriptedNumberOfRestarts() {
        channel.stuck(2);
        assertThat(channel.restartStaysStuck()).isTrue();
        assertThat(channel.restartStaysStuck()).isTrue();
        assertThat(channel.restartStaysStuck()).isFalse();
        assertThat(channel.stuck()).isFalse();
        assertThat(channel.restartStaysStuck()).isFalse();
    }

    @Test
    void onlyAReachablePhoneOnAnUncontestedAuthorisedSessionSends() {
        channel.enter(HealthStatus.AUTH);
        assertThat(channel.canSend()).isTrue();
        channel.phoneState(SimulatedChannel.PhoneState.RECONNECTING);
        assertThat(channel.canSend()).isFalse();
        channel.enter(HealthStatus.AUTH);
        assertThat(channel.phoneState()).isEqualTo(SimulatedChannel.PhoneState.ONLINE);
        channel.openedElsewhere(0);
        assertThat(channel.canSend()).isFalse();
        channel.unlink();
        assertThat(channel.canSend()).isTrue();
    }
}
