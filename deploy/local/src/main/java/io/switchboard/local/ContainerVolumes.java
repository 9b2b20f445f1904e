package io.switchboard.local;

import java.io.PrintStream;
import java.util.List;

/** The data volumes of a container run, which {@code down} removes unless asked to keep them. */
final class ContainerVolumes {

    private final ContainerEngine engine;
    private final LocalLayout layout;
    private final PrintStream out;

    ContainerVolumes(ContainerEngine engine, LocalLayout layout, PrintStream out) {
        this.engine = engine;
        this.layout = layout;
        this.out = out;
    }

    void removeUnless(boolean keep) {
        List<String> volumes = engine.volumes(layout.home().toString());
        if (volumes.isEmpty()) {
            return;
        }
        if (keep) {
            out.println("Kept the volumes " + String.join(", ", volumes) + " for the next up --containers.");
            return;
        }
        volumes.forEach(engine::removeVolume);
        out.println("Removed the volumes " + String.join(", ", volumes) + ".");
    }
}
