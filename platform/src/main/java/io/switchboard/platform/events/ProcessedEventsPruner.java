package io.switchboard.platform.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Keeps the dedupe log bounded: ids older than {@code switchboard.consumers.dedupe-retention} are deleted. */
@ApplicationScoped
public class ProcessedEventsPruner {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsPruner.class);
    private static final int CHUNK = 5_000;

    private final ProcessedEvents processed;
    private final ConsumerSettings settings;

    public ProcessedEventsPruner(ProcessedEvents processed, ConsumerSettings settings) {
        this.processed = processed;
        this.settings = settings;
    }

    @Scheduled(
            every = "${switchboard.consumers.prune-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune(Instant.now().minus(settings.dedupeRetention()));
    }

    /** Deletes the ids recorded before {@code before}, a chunk per transaction; returns how many. */
    public long prune(Instant before) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> processed.prune(before, CHUNK));
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) {
            LOG.infof("Pruned %d applied event ids recorded before %s", total, before);
        }
        return total;
    }
}
