package io.switchboard.testkit.architecture.sample.stock;

import io.switchboard.testkit.time.MutableClock;
import java.time.Instant;

/** Reaches into another module of the project (the test kit), as a service must not. */
class StockClock {

    Instant now() {
        return MutableClock.shared().instant();
    }
}
