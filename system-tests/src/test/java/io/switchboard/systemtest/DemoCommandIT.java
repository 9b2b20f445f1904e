package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The README's second command, {@code ./switchboard demo}, run as a newcomer runs it (the repository's own script)
 * against a platform started with {@code ./switchboard up --detach}: if it breaks, the build says so.
 */
class DemoCommandIT {

    @Test
    void theReadmesDemoPlaysEveryStepAgainstTheRunningPlatform() {
        String printed = LocalPlatformUnderTest.shared().script("demo");

        assertThat(printed)
                .contains("[1/8]", "[8/8]")
                .contains("Demo complete: the message held while the channel started was sent once it was ACTIVE.");
    }
}
