package io.switchboard.benchmark;

import java.util.HashMap;
import java.util.Map;

/**
 * Time a service's JIT compilers have spent so far (HotSpot's {@code java.ci.totalTime} counter, read with jcmd): a
 * phase during which the service still compiles much is not its steady state, and its figures say so.
 */
final class JitTime {

    private JitTime() {}

    /** Seconds of compilation since the process started, or -1 when the counter cannot be read. */
    static double seconds(long pid) {
        try {
            Map<String, Long> counters = new HashMap<>();
            Jcmd.run(pid, "PerfCounter.print")
                    .lines()
                    .map(line -> line.split("=", 2))
                    .filter(pair -> pair.length == 2 && pair[1].matches("\\d+"))
                    .forEach(pair -> counters.put(pair[0], Long.parseLong(pair[1])));
            Long ticks = counters.get("java.ci.totalTime");
            Long frequency = counters.get("sun.os.hrt.frequency");
            return ticks == null || frequency == null ? -1 : (double) ticks / frequency;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
