package io.switchboard.testkit.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * A service under {@code @QuarkusTest} runs on the tests' clock, {@link MutableClock#shared()}, which replaces the
 * platform's default clock (a bean of this jar: its {@code META-INF/beans.xml} makes Quarkus discover it). It runs
 * with the wall clock until a test moves it forward.
 */
@ApplicationScoped
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MutableClock.shared();
    }
}
