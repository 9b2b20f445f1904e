package io.switchboard.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time of every process of the local platform (and of the harness), read from the operating system. */
record CpuTimes(Map<String, Long> nanos) {

    static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("channel-service", "channel-service/target/quarkus-app");
        PARTS.put("message-queue", "message-queue-service/target/quarkus-app");
        PARTS.put("notification", "notification-service/target/quarkus-app");
        PARTS.put("billing", "billing-service/target/quarkus-app");
        PARTS.put("simulator", "provider-simulator/target/quarkus-app");
        PARTS.put("kafka", "kafka.Kafka");
    }

    static CpuTimes now() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        PARTS.keySet().forEach(part -> nanos.put(part, 0L));
        nanos.put("postgresql", 0L);
        nanos.put(
                "harness",
                ProcessHandle.current()
                        .info()
                        .totalCpuDuration()
                        .map(Duration::toNanos)
                        .orElse(0L));
        ProcessHandle.allProcesses().forEach(process -> {
            String command = process.info().commandLine().orElse("") + " "
                    + process.info().command().orElse("");
            long cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            PARTS.forEach((part, marker) -> {
                if (command.contains(marker)) {
                    nanos.merge(part, cpu, Long::sum);
                }
            });
            if (command.contains("/bin/postgres")) {
                nanos.merge("postgresql", cpu, Long::sum);
            }
        });
        return new CpuTimes(nanos);
    }

    /** The machine's CPU time so far (/proc/stat, all cores): stolen, total, busy (not idle or waiting). */
    static long[] jiffies() {
        try {
            String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                    .get(0)
                    .trim()
                    .split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {Long.parseLong(cpu[8]), total, total - idle};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }

    CpuTimes minus(CpuTimes before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        nanos.forEach((part, cpu) -> delta.put(part, cpu - before.nanos.getOrDefault(part, 0L)));
        return new CpuTimes(delta);
    }

    String perEvent(int events) {
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> part : nanos.entrySet()) {
            line.append(String.format("%s %.2f  ", part.getKey(), part.getValue() / 1e6 / events));
            total += part.getValue();
        }
        return line.append(String.format("| all %.2f", total / 1e6 / events)).toString();
    }
}
