package io.switchboard.platform.clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of a service: every time it stores or compares (time-to-live, pacing, leases, charged days) comes from
 * here, never from the database's {@code now()}, so that a test can move time forward by producing its own.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
