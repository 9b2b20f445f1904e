package io.switchboard.queue.message;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Group commit of single-message requests: a request waits here while a writer stores it together with every other
 * request that arrived meanwhile, in one transaction ({@link Acceptance#acceptAll}). Each request is answered as if it
 * had been alone (its own 404, 409 or 202); a group that fails is tried again request by request, so one request's
 * error never fails another's. A request is answered only after its commit: nothing answered 202 is lost. A request
 * whose caller stopped waiting before a writer took it is never stored (its 503 says so, and a retry without an
 * idempotency key stores it once); one a writer already took is answered with that writer's outcome.
 */
@ApplicationScoped
class AcceptGroups {

    private static final Logger LOG = Logger.getLogger(AcceptGroups.class);

    private final Acceptance acceptance;
    private final AcceptSettings settings;
    private final DistributionSummary groupSizes;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    public AcceptGroups(Acceptance acceptance, AcceptSettings settings, MeterRegistry meters) {
        this.acceptance = acceptance;
        this.settings = settings;
        this.groupSizes = DistributionSummary.builder("switchboard.queue.accept.group.size")
                .description("Single-message requests committed in one transaction")
                .register(meters);
    }

    /** A request, its answer, and who has it: still waiting, taken by a writer, or given up by its caller. */
    private record Waiting(
            Acceptance.Request request, CompletableFuture<Acceptance.Result> result, AtomicReference<Hold> hold) {

        Waiting(Acceptance.Request request) {
            this(request, new CompletableFuture<>(), new AtomicReference<>(Hold.WAITING));
        }
    }

    private enum Hold {
        WAITING,
        TAKEN,
        ABANDONED
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < settings.writers(); i++) {
            Thread writer = new Thread(this::write, "accept-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Takes no new requests, and commits those already waiting. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(settings.timeout().toMillis());
        }
        // A request that slipped in after the writers ended is answered now, not after its time-out.
        for (Waiting late = waiting.poll(); late != null; late = waiting.poll()) {
            late.result().completeExceptionally(unavailable("The service is shutting down; send the request again"));
        }
    }

    /** Stores the request in the next group and answers once that group is committed. */
    public Acceptance.Result accept(Acceptance.Request request) {
        if (!running) {
            throw unavailable("The service is shutting down; send the request again (another replica takes it)");
        }
        Waiting entry = new Waiting(request);
        waiting.add(entry);
        Acceptance.Result result = await(entry);
        if (result != null) {
            return result;
        }
        if (entry.hold().compareAndSet(Hold.WAITING, Hold.ABANDONED)) {
            throw unavailable("The message was not stored: no writer was free within "
                    + settings.timeout().toSeconds() + " s. Nothing was stored; send it again");
        }
        // A writer has it: its commit decides, and the answer says what it decided.
        result = await(entry);
        if (result == null) {
            throw unavailable("The message was not stored within "
                    + 2 * settings.timeout().toSeconds()
                    + " s; it may still be: send it again with the same idempotency key");
        }
        return result;
    }

    /** The request's answer within the time-out, or null when none came. */
    private Acceptance.Result await(Waiting entry) {
        try {
            return entry.result().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException notYet) {
            return null;
        } catch (ExecutionException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while storing the message");
        }
    }

    private static RuntimeException failure(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    private void write() {
        List<Waiting> group = new ArrayList<>(settings.maxGroup());
        while (running || !waiting.isEmpty()) {
            try {
                Waiting first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, settings.maxGroup() - 1);
                // Only what no caller gave up on: a request answered 503 is never stored behind its caller's back.
                group.removeIf(entry -> !entry.hold().compareAndSet(Hold.WAITING, Hold.TAKEN));
                if (!group.isEmpty()) {
                    commit(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Accept writer failed", e); // commit answers every request; this is a bug, keep writing
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Waiting> group) {
        groupSizes.record(group.size());
        try {
            List<Acceptance.Result> results =
                    acceptance.acceptAll(group.stream().map(Waiting::request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(groupFailed);
                return;
            }
            LOG.debugf(groupFailed, "A group of %d requests failed; each is tried alone", group.size());
            for (Waiting alone : group) {
                try {
                    alone.result()
                            .complete(acceptance
                                    .acceptAll(List.of(alone.request()))
                                    .get(0));
                } catch (RuntimeException e) {
                    alone.result().completeExceptionally(e);
                }
            }
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "service-unavailable", "Service unavailable", detail)
                .retryAfter(1));
    }
}
