package io.switchboard.testkit.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts long-running processes that outlive the JVM that started them: output appended to a log file, no pipes
 * to the parent, and a session of their own (setsid), so that neither a Ctrl-C in the parent's terminal nor the
 * terminal closing reaches them. They stop only when told to.
 */
public final class DetachedLauncher {

    private static final boolean SETSID =
            Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"));

    private DetachedLauncher() {}

    /** The java launcher of the running JVM, so children run on the same Java version. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Process start(List<String> command, Map<String, String> env, Path workDir, Path logFile) {
        List<String> full = new ArrayList<>();
        if (SETSID) {
            // Not a process-group leader when started from Java, so setsid execs in place: the pid stays the same.
            full.add("setsid");
        }
        full.addAll(command);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("Could not start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }
}
