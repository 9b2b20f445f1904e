package io.switchboard.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flight recordings of the services during a phase ({@code -Dbenchmark.profile=true}): where their CPU goes, as
 * packages on top of the stack and Switchboard methods on it. With {@code -Dbenchmark.asprof=<libasyncProfiler.so>}
 * async-profiler is attached as well, which also sees the JVM's own threads (JIT, GC) and native frames: it writes
 * collapsed stacks to {@code target/jfr/<service>.collapsed} (one line a stack, for flame graphs or grep).
 */
record Profiles(Map<String, Long> pids, java.nio.file.Path dir) {

    private static final String ASYNC_PROFILER = System.getProperty("benchmark.asprof");

    static Profiles start() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "jfr").toAbsolutePath();
        java.nio.file.Files.createDirectories(dir);
        Map<String, Long> pids = new LinkedHashMap<>();
        ProcessHandle.allProcesses().forEach(process -> {
            String command = process.info().commandLine().orElse("");
            CpuTimes.PARTS.forEach((part, marker) -> {
                if (command.contains(marker) && marker.contains("quarkus-app")) {
                    pids.put(part, process.pid());
                }
            });
        });
        for (Map.Entry<String, Long> service : pids.entrySet()) {
            Jcmd.run(
                    service.getValue(),
                    "JFR.start",
                    "name=bench",
                    "settings=default",
                    "filename=" + dir.resolve(service.getKey() + ".jfr"));
            if (ASYNC_PROFILER != null) {
                // jcmd splits its arguments at "=": the agent's options go quoted.
                Jcmd.run(service.getValue(), "JVMTI.agent_load", ASYNC_PROFILER, "\"start,event=cpu,interval=2ms\"");
            }
        }
        return new Profiles(pids, dir);
    }

    void stopAndPrint() throws Exception {
        for (Map.Entry<String, Long> service : pids.entrySet()) {
            Jcmd.run(service.getValue(), "JFR.stop", "name=bench");
            if (ASYNC_PROFILER != null) {
                Jcmd.run(
                        service.getValue(),
                        "JVMTI.agent_load",
                        ASYNC_PROFILER,
                        "\"stop,collapsed,file=" + dir.resolve(service.getKey() + ".collapsed") + "\"");
            }
            Map<String, Integer> packages = new java.util.HashMap<>();
            Map<String, Integer> ours = new java.util.HashMap<>();
            int samples = 0;
            try (var recording = new jdk.jfr.consumer.RecordingFile(dir.resolve(service.getKey() + ".jfr"))) {
                while (recording.hasMoreEvents()) {
                    var event = recording.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                            || event.getStackTrace() == null
                            || event.getStackTrace().getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    var frames = event.getStackTrace().getFrames();
                    packages.merge(packageOf(name(frames.get(0))), 1, Integer::sum);
                    frames.stream()
                            .map(Profiles::name)
                            .filter(frame -> frame.startsWith("io.switchboard")
                                    && !frame.contains("_Subclass")
                                    && !frame.contains("_ClientProxy"))
                            .distinct()
                            .forEach(frame -> ours.merge(frame, 1, Integer::sum));
                }
            }
            System.out.printf(
                    "%n--- %s: %d samples; where the CPU is (package on top of the stack) ---%n",
                    service.getKey(), samples);
            print(packages, samples, 14);
            System.out.printf("--- %s: Switchboard methods on the stack (inclusive) ---%n", service.getKey());
            print(ours, samples, 25);
        }
    }

    private static String packageOf(String method) {
        String[] parts = method.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 2)));
    }

    private static String name(jdk.jfr.consumer.RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int limit) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(entry ->
                        System.out.printf("%5.1f%%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey()));
    }
}
