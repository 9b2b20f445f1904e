package io.switchboard.notification.curator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Resolves webhook hosts on threads of its own, each lookup bounded by {@code switchboard.curators.resolve-timeout}: a
 * tenant's slow DNS delays that tenant's delivery only, never the thread that sends everyone's. One lookup of a host
 * runs at a time, shared by every delivery to it, so a host whose DNS does not answer holds one thread, not all.
 */
@ApplicationScoped
public class HostResolver {

    /** Looks a host up; the JDK's resolver, or a test's. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<List<InetAddress>>> running = new ConcurrentHashMap<>();
    private final Lookup lookup;
    private final Duration timeout;

    @Inject
    public HostResolver(CuratorSettings settings) {
        this(InetAddress::getAllByName, settings.resolveTimeout(), settings.resolveThreads());
    }

    HostResolver(Lookup lookup, Duration timeout, int threads) {
        this.lookup = lookup;
        this.timeout = timeout;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "webhook-dns");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Every address of the host (an IP literal is its own), or a failure: unknown host, or no answer in time. */
    public CompletionStage<List<InetAddress>> resolve(String host) {
        if (host.contains(":") || host.matches("[0-9.]+")) { // IPv6, or IPv4 in any of its decimal forms
            try {
                return CompletableFuture.completedFuture(List.of(InetAddress.getByName(host))); // a literal: no lookup
            } catch (UnknownHostException notALiteral) {
                // a name after all: looked up below
            }
        }
        // In the map before it starts, out of it before it answers: whoever asks after an answer gets a new lookup.
        CompletableFuture<List<InetAddress>> fresh = new CompletableFuture<>();
        CompletableFuture<List<InetAddress>> shared = running.putIfAbsent(host, fresh);
        if (shared == null) {
            shared = fresh;
            try {
                pool.execute(() -> {
                    try {
                        List<InetAddress> addresses = List.of(lookup.all(host));
                        running.remove(host, fresh);
                        fresh.complete(addresses);
                    } catch (UnknownHostException | RuntimeException e) {
                        running.remove(host, fresh);
                        fresh.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                running.remove(host, fresh);
                fresh.completeExceptionally(stopping);
            }
        }
        return shared.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
