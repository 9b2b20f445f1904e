package io.switchboard.testkit.containers;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Moves {@code -Dswitchboard.test.infrastructure} out of the services' way before any test starts: Maven hands the
 * option to the test JVM as a system property, and a Quarkus service refuses to start on a {@code switchboard.*}
 * setting it does not know (so that a typo in a real configuration fails loudly).
 */
public final class InfrastructureModeListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String mode = System.getProperty(ContainerInfrastructure.MODE_PROPERTY);
        if (mode != null) {
            System.setProperty(ContainerInfrastructure.MOVED_MODE_PROPERTY, mode);
            System.clearProperty(ContainerInfrastructure.MODE_PROPERTY);
        }
    }
}
