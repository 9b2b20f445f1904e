package io.switchboard.testkit.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line of the test JVM while it is open (the services' own included: Quarkus logs through the JDK's logging
 * API), with its exception and all of that exception's causes, as text a test can search.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder line =
                new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " " + message(record));
        for (Throwable cause = record.getThrown();
                cause != null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            line.append("\n  caused by ").append(cause);
            if (cause instanceof java.sql.SQLException sql && sql.getNextException() != null) {
                line.append("\n  next ").append(sql.getNextException());
            }
        }
        lines.add(line.toString());
    }

    private static String message(LogRecord record) {
        if (record instanceof org.jboss.logmanager.ExtLogRecord extended) {
            return extended.getFormattedMessage();
        }
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    /** The lines so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines so far that contain {@code text}. */
    public synchronized List<String> linesWith(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    /**
     * The lines so far of the services that contain {@code text}: not those of the in-JVM PostgreSQL server, whose own
     * log (the database operator's, not the service's) shows a refused row as it was stored.
     */
    public synchronized List<String> serviceLinesWith(String text) {
        return lines.stream()
                .filter(line -> line.contains(text) && !line.contains(" io.zonky."))
                .toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
