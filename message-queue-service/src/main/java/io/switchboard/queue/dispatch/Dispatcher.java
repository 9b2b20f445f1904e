package io.switchboard.queue.dispatch;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.platform.retry.Backoff;
import io.switchboard.queue.message.DispatchWakeups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Hands queued messages to the provider: many channels in parallel (at most {@code lanes} runs in flight), each
 * channel's messages strictly in acceptance order (one run per channel at a time, leased in the database, so any
 * number of replicas can run). A replica that dies loses its leases after {@code lease}; another sends what it had
 * claimed again, with the same idempotency keys, so each message reaches the recipient once.
 *
 * <p>Three threads of its own: the claim loop, a timer for the pacing gaps, and the writer of finished runs; plus the
 * sender threads, each busy only while a provider call is in flight.
 */
@ApplicationScoped
public class Dispatcher implements DispatchWakeups {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** A pass that found due channels it could not take (another transaction held them) looks again this soon. */
    private static final Duration BUSY_RETRY = Duration.ofMillis(20);

    private static final int RUNS_PER_WRITE = 64;
    /** Attempts of a run's write failing for a reason that does not pass, before its messages end UNKNOWN. */
    static final int UNRECORDED_AFTER = 5;

    private final Claims claims;
    private final Completions completions;
    private final DispatchSettings settings;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final String owner = "queue-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<RunResult> finished = new LinkedBlockingQueue<>();
    private final Object stopKey = new Object();
    private final WakeableLoop loop;
    private final LaneRun.Context context;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;
    private final Thread writer;
    private volatile boolean running;
    private volatile boolean closing;

    public Dispatcher(
            Claims claims,
            Completions completions,
            ProviderClient provider,
            DispatchSettings settings,
            ProviderClientSettings providerSettings,
            LaneHolds holds,
            TransactionSynchronizationRegistry transactions,
            Clock clock) {
        this.claims = claims;
        this.completions = completions;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.loop = new WakeableLoop("message-dispatcher", settings.pollInterval(), this::pass);
        AtomicInteger senderNumber = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(
                settings.lanes(), runnable -> daemon(runnable, "message-sender-" + senderNumber.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "message-pacing"));
        this.context = new LaneRun.Context(
                provider,
                settings,
                clock,
                timer,
                senders,
                stopped::contains,
                () -> closing,
                finished::add,
                new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff()),
                holds::hold,
                providerSettings
                        .connectTimeout()
                        .plus(providerSettings.requestTimeout())
                        .multipliedBy(2));
        this.writer = daemon(this::writeFinished, "message-dispatch-writer");
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer.start();
        loop.start();
    }

    /**
     * A graceful stop hands every channel back at once instead of leaving it to its lease: no more claims, each run
     * ends before its next send (a run waiting for its pacing gap is woken to end now), calls in flight get their
     * answer, and every finished run is written (its messages back to QUEUED, the lease released, the pacing time
     * kept), so another replica or the restart goes on after the gap, not after the lease.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
        closing = true;
        for (Runnable waiting : timer.shutdownNow()) {
            waiting.run(); // a pacing wait: the run's next step sees the service closing and ends
        }
        senders.shutdown();
        if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warnf("Provider calls still in flight after 10 s; their channels are sent again after the lease");
        }
        running = false;
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Override
    public void wakeAfterCommit() {
        loop.wakeAfterCommit(transactions);
    }

    /** The channel stopped sending: a run of it in flight here sends nothing more once the transaction commits. */
    public void stopAfterCommit(String channelId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED && inFlight.contains(channelId)) {
                    stopped.add(channelId);
                }
            }
        });
    }

    /** Claims due channels and starts their runs, while there are free lanes and work; says when to look next. */
    private Duration pass() {
        while (loop.running()) {
            int free = settings.lanes() - inFlight.size();
            if (free <= 0) {
                return settings.pollInterval(); // a finished run wakes the loop
            }
            List<String> busy = new ArrayList<>(inFlight);
            Claims.Claimed claimed = claims.claim(owner, free, busy);
            for (LaneClaim run : claimed.runs()) {
                String channelId = run.lane().channelId();
                stopped.remove(channelId);
                inFlight.add(channelId);
                new LaneRun(run, context).start();
            }
            if (!claimed.changed()) {
                Optional<Instant> due = claims.nextDue(new ArrayList<>(inFlight));
                if (due.isEmpty()) {
                    return settings.pollInterval();
                }
                Duration wait = Duration.between(clock.instant(), due.get());
                return wait.compareTo(BUSY_RETRY) < 0 ? BUSY_RETRY : wait;
            }
        }
        return settings.pollInterval();
    }

    /**
     * Writes finished runs, many per transaction. A write that fails is tried run by run: a run that fails for a
     * passing reason is tried again, never dropped; one that fails for any other reason {@link #UNRECORDED_AFTER} times
     * has its messages ended UNKNOWN ({@link Completions#writeUnrecorded}), so that one channel's run never holds up
     * the others.
     */
    private void writeFinished() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        List<RunResult> batch = new ArrayList<>();
        Map<String, Integer> lastingFailures = new HashMap<>();
        int failures = 0;
        while (running || !finished.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    RunResult first = finished.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    finished.drainTo(batch, RUNS_PER_WRITE - 1);
                }
                try {
                    completions.write(batch);
                    written(batch);
                    batch.clear();
                } catch (RuntimeException e) {
                    LOG.debugf(e, "Writing %d finished run(s) at once failed; writing them one by one", batch.size());
                    writeOneByOne(batch, lastingFailures);
                }
                if (batch.isEmpty()) {
                    failures = 0;
                    loop.wake();
                    continue;
                }
                failures++;
                Duration wait = backoff.after(failures);
                LOG.warnf(
                        "Could not write %d finished run(s) (attempt %d); retrying in %d ms",
                        batch.size(), failures, wait.toMillis());
                if (!running) {
                    return; // shutting down: the leases run out and another replica sends them again
                }
                Thread.sleep(wait.toMillis()); // the writer's own thread: nothing else waits on it
            } catch (InterruptedException e) {
                if (!running && finished.isEmpty() && batch.isEmpty()) {
                    return;
                }
            }
        }
    }

    /** Writes each run on its own; what is written (or ended UNKNOWN) leaves the batch, the rest is tried again. */
    private void writeOneByOne(List<RunResult> batch, Map<String, Integer> lastingFailures) {
        for (RunResult run : List.copyOf(batch)) {
            String token = run.claim().token();
            try {
                completions.write(List.of(run));
                written(List.of(run));
                batch.remove(run);
                lastingFailures.remove(token);
            } catch (RuntimeException e) {
                if (Failures.isPassing(e)) {
                    LOG.warnf(
                            "Could not write the run of channel %s; retrying: %s",
                            run.claim().lane().channelId(), Failures.rootMessage(e));
                    continue;
                }
                int attempts = lastingFailures.merge(token, 1, Integer::sum);
                if (attempts < UNRECORDED_AFTER) {
                    continue;
                }
                try {
                    completions.writeUnrecorded(run);
                    written(List.of(run));
                    batch.remove(run);
                    lastingFailures.remove(token);
                    LOG.errorf(
                            "The run of channel %s could not be written %d times (%s); what the provider took ends"
                                    + " UNKNOWN, the rest is queued again",
                            run.claim().lane().channelId(), attempts, Failures.rootMessage(e));
                } catch (RuntimeException unrecorded) {
                    if (attempts >= 2 * UNRECORDED_AFTER) {
                        // Nothing of it can be written: left to its lease (then claimed again, with the same keys
                        // towards the provider), so that it stops holding up every lane.
                        written(List.of(run));
                        batch.remove(run);
                        lastingFailures.remove(token);
                        LOG.errorf(
                                "The run of channel %s could not be written nor ended (%s); left to its lease",
                                run.claim().lane().channelId(), Failures.rootMessage(unrecorded));
                    } else {
                        LOG.warnf(
                                "Could not end the run of channel %s either; retrying: %s",
                                run.claim().lane().channelId(), Failures.rootMessage(unrecorded));
                    }
                }
            }
        }
    }

    private void written(List<RunResult> runs) {
        runs.forEach(run -> {
            inFlight.remove(run.claim().lane().channelId());
            stopped.remove(run.claim().lane().channelId());
        });
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
