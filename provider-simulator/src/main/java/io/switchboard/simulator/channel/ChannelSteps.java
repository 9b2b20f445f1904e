package io.switchboard.simulator.channel;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Runs what happens to channels later (boot steps, reconnects, flap cycles), on one background thread. */
@ApplicationScoped
public class ChannelSteps {

    private static final Logger LOG = Logger.getLogger(ChannelSteps.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "channel-steps");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Runs {@code step} with the channel locked after {@code delay}, unless meanwhile the channel was forgotten or
     * changed by something else (its sequence moved on): a later change always wins over an older plan.
     */
    void after(SimulatedChannel channel, long sequence, Duration delay, Runnable step) {
        later(delay.toMillis(), () -> {
            synchronized (channel) {
                if (!channel.removed() && channel.sequence() == sequence) {
                    step.run();
                }
            }
        });
    }

    void later(long delayMillis, Runnable task) {
        try {
            executor.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            // A scheduled task's exception would vanish silently and leave the channel half-scripted.
                            LOG.error("Channel step failed", e);
                        }
                    },
                    Math.max(0, delayMillis),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("Channel step dropped: shutting down");
        }
    }
}
