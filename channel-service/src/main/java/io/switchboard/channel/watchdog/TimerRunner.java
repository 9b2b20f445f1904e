package io.switchboard.channel.watchdog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.channel.registry.ChannelRepository;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Fires due channel timers, each in its own transaction with its channel locked. */
@ApplicationScoped
public class TimerRunner {

    private static final Logger LOG = Logger.getLogger(TimerRunner.class);
    private static final int MAX_PER_TICK = 200;

    private final ChannelTimers timers;
    private final ChannelRepository channels;
    private final Watchdog watchdog;
    private final TakeOvers takeOvers;
    private volatile boolean stopping;

    public TimerRunner(ChannelTimers timers, ChannelRepository channels, Watchdog watchdog, TakeOvers takeOvers) {
        this.timers = timers;
        this.channels = channels;
        this.watchdog = watchdog;
        this.takeOvers = takeOvers;
    }

    void stopped(@Observes ShutdownEvent event) {
        stopping = true;
    }

    // Delayed: timers due while the service was down wait until messaging is wired; none fire during shutdown.
    @Scheduled(every = "${switchboard.watchdog.tick:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (int fired = 0; fired < MAX_PER_TICK; fired++) {
            if (stopping) {
                return;
            }
            try {
                if (!QuarkusTransaction.requiringNew().call(this::fireNext)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("A channel timer failed; it is retried at the next tick", e);
                return;
            }
        }
    }

    private boolean fireNext() {
        Optional<ChannelTimers.Due> due = timers.claimNext(Instant.now());
        due.ifPresent(timer -> channels.lockedById(timer.channelId()).filter(channel -> !channel.deleted)
                .ifPresent(channel -> {
                    if (timer.kind() == TimerKind.TAKEOVER) {
                        takeOvers.attempt(channel, timer.attempt());
                    } else {
                        watchdog.fire(channel, timer.kind());
                    }
                }));
        return due.isPresent();
    }
}
