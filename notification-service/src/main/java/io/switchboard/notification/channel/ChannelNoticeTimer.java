package io.switchboard.notification.channel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.loop.WakeableLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Tells the channel changes whose debounce window has passed, on any replica (the rows are claimed, not owned). */
@ApplicationScoped
public class ChannelNoticeTimer {

    private static final int BATCH = 100;

    private final ChannelNotices notices;
    private final Clock clock;
    private final WakeableLoop loop;

    public ChannelNoticeTimer(ChannelNotices notices, Clock clock, NoticeSettings settings) {
        this.notices = notices;
        this.clock = clock;
        this.loop = new WakeableLoop("channel-notices", settings.pollInterval(), this::pass);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** Fires what is due now; public for tests that move the clock and want the answer at once. */
    public void pass() {
        while (QuarkusTransaction.requiringNew().call(() -> notices.fireDue(clock.instant(), BATCH)) == BATCH) {
            // a full batch: more may be due
        }
    }
}
