package io.switchboard.notification.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.loop.WakeableLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Fires chats' system-message timers on any replica (the rows are claimed with SKIP LOCKED, not owned). */
@ApplicationScoped
public class ChatTimer {

    private static final int BATCH = 100;

    private final ChatRules rules;
    private final Clock clock;
    private final WakeableLoop loop;

    public ChatTimer(ChatRules rules, Clock clock, SystemMessageSettings settings) {
        this.rules = rules;
        this.clock = clock;
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
        while (QuarkusTransaction.requiringNew().call(() -> rules.fireDue(clock.instant(), BATCH)) == BATCH) {
            // a full batch: more may be due
        }
    }
}
