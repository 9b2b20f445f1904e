package io.switchboard.platform.loop;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A background thread that does a pass of work when woken, and at least every poll interval: woken after the commit
 * that gave it work, it reacts at once; the poll is the safety net (another replica's commit, a lost wake-up). A pass
 * may say when the next one is due (the earliest timer it knows of), sooner than the poll interval. A pass that fails
 * is logged and retried after the poll interval.
 */
public final class WakeableLoop {

    private static final Logger LOG = Logger.getLogger(WakeableLoop.class);

    private final String name;
    private final Duration pollInterval;
    private final Supplier<Duration> pass;
    private final Semaphore wakeUps = new Semaphore(0);
    /** One wake-up per transaction, however many rows it wrote. */
    private final Object wakeKey = new Object();

    private volatile boolean running;
    private volatile Duration linger = Duration.ZERO;
    private ExecutorService thread;

    public WakeableLoop(String name, Duration pollInterval, Runnable pass) {
        this(name, pollInterval, () -> {
            pass.run();
            return pollInterval;
        });
    }

    /**
     * @param pass does one pass and answers how long until the next is due; null or anything longer than the poll
     *        interval means the poll interval
     */
    public WakeableLoop(String name, Duration pollInterval, Supplier<Duration> pass) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.pass = pass;
    }

    /**
     * Once woken, waits this long before the pass, so that the work of many commits made meanwhile is done in one pass
     * (the loop's own thread waits; no caller does).
     */
    public WakeableLoop lingering(Duration linger) {
        this.linger = linger;
        return this;
    }

    public void start() {
        running = true;
        thread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, name));
        thread.submit(this::run);
    }

    public void stop() throws InterruptedException {
        running = false;
        wake();
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    public boolean running() {
        return running;
    }

    public void wake() {
        wakeUps.release();
    }

    /** Wakes the loop once the current transaction has committed. */
    public void wakeAfterCommit(TransactionSynchronizationRegistry transactions) {
        if (transactions.getResource(wakeKey) != null) {
            return;
        }
        transactions.putResource(wakeKey, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    private void run() {
        Duration wait = pollInterval;
        while (running) {
            try {
                if (!wait.isNegative()
                        && !wait.isZero()
                        && wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)
                        && !linger.isZero()) {
                    Thread.sleep(linger.toMillis()); // this loop's own thread: gathering the commits of the moment
                }
                wakeUps.drainPermits();
                wait = pollInterval;
                if (running) {
                    Duration due = pass.get();
                    if (due != null && due.compareTo(pollInterval) < 0) {
                        wait = due.isNegative() ? Duration.ZERO : due;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s failed; retrying in %s: %s", name, pollInterval, e);
                LOG.debugf(e, "%s failed", name);
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
