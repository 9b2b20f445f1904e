package io.switchboard.channel.timer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.platform.failure.FailureKind;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Fires due channel timers, each in its own transaction that locks the channel first and the timer after it (the one
 * lock order every path follows). A busy channel is skipped until the next tick. A timer that asks for a provider
 * call is leased (moved ahead) and committed; the call is made on a worker with no lock held, and its answer applied
 * in a new transaction. A timer that fails (its transaction, or a call that gets no answer) is retried with back-off
 * and does not hold up the others; one that keeps failing for a reason that does not pass is given up.
 */
@ApplicationScoped
public class TimerRunner {

    private static final Logger LOG = Logger.getLogger(TimerRunner.class);
    private static final int MAX_PER_TICK = 500;
    /** Attempts of a timer failing for a reason that does not pass, before it is given up. */
    static final int GIVE_UP_AFTER = 5;

    private final ChannelTimers timers;
    private final Channels channels;
    private final Map<TimerKind, TimerHandler> handlers = new EnumMap<>(TimerKind.class);
    private final TimerSettings settings;
    private final Backoff backoff;
    private final ExecutorService calls;
    private final Set<ChannelTimer.Key> inFlight = ConcurrentHashMap.newKeySet();
    /** One per call thread: a timer is leased only when its call can start at once, never while it waits in a queue. */
    private final Semaphore callSlots;

    private final Counter givenUp;
    private volatile boolean stopping;

    public TimerRunner(
            ChannelTimers timers,
            Channels channels,
            Instance<TimerHandler> handlers,
            TimerSettings settings,
            MeterRegistry meters) {
        this.givenUp = meters.counter("switchboard.timers.given.up");
        this.timers = timers;
        this.channels = channels;
        this.settings = settings;
        handlers.forEach(handler -> handler.kinds().forEach(kind -> this.handlers.put(kind, handler)));
        this.backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
        this.callSlots = new Semaphore(settings.callThreads());
        this.calls = Executors.newFixedThreadPool(settings.callThreads(), runnable -> {
            Thread thread = new Thread(runnable, "timer-calls");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stopped(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        calls.shutdown();
        calls.awaitTermination(15, TimeUnit.SECONDS);
    }

    // Delayed: timers due while the service was down wait until it is up; none fire during shutdown.
    @Scheduled(
            every = "${switchboard.watchdog.tick:1s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        fireDue();
    }

    /** Fires the timers due now, oldest first; returns how many were due. */
    public int fireDue() {
        List<ChannelTimers.Due> due;
        try {
            due = QuarkusTransaction.requiringNew().call(() -> timers.due(Instant.now(), MAX_PER_TICK));
        } catch (RuntimeException e) {
            LOG.warnf("Looking for due channel timers failed: %s", e.getMessage());
            return 0;
        }
        for (ChannelTimers.Due timer : due) {
            if (stopping) {
                break;
            }
            if (timer.kind().callsProvider() && callSlots.availablePermits() == 0) {
                continue; // every call thread is busy: it waits, unleased, for the next tick (or another replica)
            }
            if (!inFlight.contains(new ChannelTimer.Key(timer.channelId(), timer.kind()))) {
                fire(timer, false);
            }
        }
        return due.size();
    }

    /**
     * Fires the channel's timer of this kind now, its call included, in the caller's thread (a person waiting for the
     * outcome). Does nothing if the timer is not set, not due, or being fired elsewhere.
     */
    public void fireNow(String channelId, TimerKind kind) {
        QuarkusTransaction.requiringNew()
                .call(() -> timers.find(channelId, kind)
                        .map(timer -> new ChannelTimers.Due(channelId, kind, timer.generation)))
                .ifPresent(due -> fire(due, true));
    }

    private void fire(ChannelTimers.Due due, boolean inCaller) {
        // A call thread is taken before the timer is leased: the lease (call-lease) then covers the call itself, not a
        // wait in a queue, after which another replica would make the same call again.
        boolean slot = !inCaller && callSlots.tryAcquire();
        boolean handedOver = false;
        try {
            Optional<ProviderCall> call =
                    QuarkusTransaction.requiringNew().call(() -> decide(due, inCaller, inCaller || slot));
            if (call.isEmpty()) {
                return;
            }
            if (inCaller) {
                complete(due, call.get());
                return;
            }
            ChannelTimer.Key key = new ChannelTimer.Key(due.channelId(), due.kind());
            inFlight.add(key);
            calls.execute(() -> {
                try {
                    complete(due, call.get());
                } finally {
                    inFlight.remove(key);
                    callSlots.release();
                }
            });
            handedOver = true;
        } catch (RuntimeException e) {
            if (!(Failures.root(e) instanceof NoCallThread)) {
                failed(due, Failures.rootMessage(e), Failures.kindOf(e));
            } // else: every call thread is busy; the timer stays due, unleased, for the next tick (or another replica)
        } finally {
            if (slot && !handedOver) {
                callSlots.release();
            }
        }
    }

    /** The handler asked for a call while no call thread is free: its transaction is rolled back, nothing changed. */
    private static final class NoCallThread extends RuntimeException {
        NoCallThread() {
            super("no call thread free", null, false, false);
        }
    }

    /** With the channel locked: the handler acts, or decides on a call; the timer is leased while the call is made. */
    private Optional<ProviderCall> decide(ChannelTimers.Due due, boolean wait, boolean mayCall) {
        Optional<Channel> locked = wait ? channels.lockedById(due.channelId()) : channels.lockedIfFree(due.channelId());
        if (locked.isEmpty()) {
            return Optional.empty(); // busy (another transaction has it): the next tick
        }
        Channel channel = locked.get();
        Optional<ChannelTimer> current = timers.find(channel.id, due.kind())
                .filter(timer -> timer.generation == due.generation() && !timer.dueAt.isAfter(Instant.now()));
        if (current.isEmpty()) {
            return Optional.empty(); // cancelled, set anew or leased meanwhile
        }
        ChannelTimer timer = current.get();
        TimerHandler handler = handlers.get(due.kind());
        Optional<ProviderCall> call =
                channel.deleted || handler == null ? Optional.empty() : handler.fire(channel, timer);
        if (call.isPresent() && !mayCall) {
            throw new NoCallThread();
        }
        if (call.isPresent()) {
            timer.dueAt = Instant.now().plus(settings.callLease()); // a crash during the call: fired again after it
        } else {
            doneUnlessSetAgain(timer, due.generation());
        }
        return call;
    }

    /** Makes the call with no lock held, then applies its answer to the timer that asked for it. */
    private void complete(ChannelTimers.Due due, ProviderCall call) {
        ProviderCall.Answer answer = call.run();
        if (answer.outcome() == ProviderCall.Outcome.UNAVAILABLE) {
            failed(due, answer.detail(), FailureKind.PASSING);
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Channel channel = channels.lockedById(due.channelId()).orElseThrow();
                Optional<ChannelTimer> current =
                        timers.find(channel.id, due.kind()).filter(timer -> timer.generation == due.generation());
                if (current.isEmpty()) {
                    LOG.debugf(
                            "Channel %s: %s answered %s after its timer was cancelled; nothing to apply",
                            channel.id, call.operation(), answer.outcome());
                    return;
                }
                handlers.get(due.kind()).answered(channel, current.get(), answer);
                doneUnlessSetAgain(current.get(), due.generation());
            });
        } catch (RuntimeException e) {
            failed(due, Failures.rootMessage(e), Failures.kindOf(e));
        }
    }

    private void doneUnlessSetAgain(ChannelTimer timer, long generation) {
        if (timer.generation == generation) {
            timers.cancel(timer.channelId, timer.kind);
        }
    }

    /**
     * Moves the timer back by its back-off; it stays the same setting. A failure that does not pass by itself (the
     * handler's own exception, data the database refuses) is tried {@link #GIVE_UP_AFTER} times, then the timer is
     * given up (removed, logged and counted), so it is not retried for ever; a provider that does not answer is retried
     * for as long as the timer is set.
     */
    private void failed(ChannelTimers.Due due, String error, FailureKind kind) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> channels.lockedById(due.channelId())
                            .flatMap(channel -> timers.find(channel.id, due.kind()))
                            .filter(timer -> timer.generation == due.generation())
                            .ifPresent(timer -> {
                                timer.failures++;
                                if (kind != FailureKind.PASSING && timer.failures >= GIVE_UP_AFTER) {
                                    timers.cancel(timer.channelId, timer.kind);
                                    givenUp.increment();
                                    LOG.errorf(
                                            "Channel %s: %s timer failed %d times for a reason that does not pass and was"
                                                    + " given up: %s",
                                            due.channelId(), due.kind(), timer.failures, error);
                                    return;
                                }
                                Duration wait = backoff.after(timer.failures);
                                timer.dueAt = Instant.now().plus(wait);
                                timer.lastError = error.length() > 500 ? error.substring(0, 500) : error;
                                LOG.warnf(
                                        "Channel %s: %s timer failed (%d in a row), retried in %d ms: %s",
                                        due.channelId(), due.kind(), timer.failures, wait.toMillis(), error);
                            }));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Channel %s: %s timer failed (%s) and could not be moved back (%s); retried at the next tick",
                    due.channelId(), due.kind(), error, e.getMessage());
        }
    }
}
