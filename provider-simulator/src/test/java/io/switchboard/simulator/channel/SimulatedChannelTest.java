package io.switchboard.simulator.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
