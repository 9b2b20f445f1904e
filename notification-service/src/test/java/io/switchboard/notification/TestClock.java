package io.switchboard.notification;

import io.switchboard.testkit.time.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The service runs on the tests' clock (it replaces the default one), which a test moves forward. */
@ApplicationScoped
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MutableClock.shared();
    }
}
