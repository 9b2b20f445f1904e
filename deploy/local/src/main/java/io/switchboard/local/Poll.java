package io.switchboard.local;

import java.time.Duration;
import java.util.function.Supplier;

/** Asks again and again until there is an answer, or gives up with what was seen last. */
final class Poll {

    private Poll() {}

    /**
     * @param attempt returns the result, or null to try again (it may throw to give up at once)
     * @param lastSeen what to tell when time runs out
     */
    static <T> T until(String what, Duration timeout, Supplier<T> attempt, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException("Gave up waiting for " + what + " after " + timeout.toSeconds() + " s ("
                        + lastSeen.get() + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("Interrupted while waiting for " + what);
            }
        }
    }
}
