package io.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** One log per run of a part, and the one before it kept beside it as {@code <part>.previous.log}. */
final class LogFiles {

    private LogFiles() {}

    static void startNew(Path log) {
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                String name = log.getFileName().toString().replaceFirst("\\.log$", "");
                Files.move(log, log.resolveSibling(name + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // keep appending to the old log rather than refuse to start
        }
    }
}
