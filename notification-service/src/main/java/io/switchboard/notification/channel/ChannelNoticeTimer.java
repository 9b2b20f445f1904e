package io.switchboard.notification.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.platform.timer.DueRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/**
 * Tells the channel changes whose debounce window has passed, on any replica (the rows are claimed, not owned); a
 * channel whose notice keeps failing is set aside, never holding up the others ({@link DueRows}).
 */
@ApplicationScoped
public class ChannelNoticeTimer {

    private static final int BATCH = 100;

    private final Clock clock;
    private final DueRows<String> due;
    private final WakeableLoop loop;

    public ChannelNoticeTimer(
            ChannelNotices notices,
            ChannelWatches watches,
            Clock clock,
            NoticeSettings settings,
            MeterRegistry meters) {
        this.clock = clock;
        this.due = new DueRows<>(
                "channel-notices",
                DueRows.of(ChannelWatches.TIMERS, watches::getEntityManager, notices::fireDue, notices::fireOne),
                BATCH,
                meters);
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
        due.pass(clock.instant());
    }
}
