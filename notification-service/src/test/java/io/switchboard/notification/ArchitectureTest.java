package io.switchboard.notification;

import io.switchboard.testkit.architecture.ServiceArchitectureTest;

/** The service's package boundaries: no cycles, only platform and contracts, public only where used elsewhere. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.switchboard.notification");
    }
}
