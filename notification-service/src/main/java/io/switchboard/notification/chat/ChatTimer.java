package io.switchboard.notification.chat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.platform.timer.DueRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/**
 * Fires chats' system-message timers on any replica (the rows are claimed with SKIP LOCKED, not owned); a chat whose
 * timers keep failing is set aside, never holding up the others ({@link DueRows}).
 */
@ApplicationScoped
public class ChatTimer {

    private static final int BATCH = 100;

    private final Clock clock;
    private final DueRows<String> due;
    private final WakeableLoop loop;

    public ChatTimer(
            ChatRules rules, ChatWatches watches, Clock clock, SystemMessageSettings settings, MeterRegistry meters) {
        this.clock = clock;
        this.due = new DueRows<>(
                "chat-timers",
                DueRows.of(ChatWatches.TIMERS, watches::getEntityManager, rules::fireDue, rules::fireOne),
                BATCH,
                meters);
        this.loop = new WakeableLoop("chat-timers", settings.pollInterval(), this::pass);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** Fires what is due now; public for tests that move the clock and want the answer at once. */
    public void pass() {
        due.pass(clock.instant());
    }
}
