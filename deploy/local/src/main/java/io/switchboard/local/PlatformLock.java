package io.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One {@code up} or {@code down} at a time per repository, so two terminals never start the same part twice. */
final class PlatformLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private PlatformLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static PlatformLock acquire(Path home) {
        try {
            Files.createDirectories(home);
            FileChannel channel =
                    FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new CliException(
                        "Another './switchboard up' or 'down' is busy in this repository; wait for it to finish.");
            }
            return new PlatformLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // released when the JVM exits anyway
        }
    }
}
