package io.switchboard.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Where the console finds the services whose public APIs it passes the user's calls to. */
@ConfigMapping(prefix = "switchboard.console")
public interface ConsoleSettings {

    Services services();

    /** How long a call to a service may take before the console answers 504. */
    @WithDefault("30s")
    Duration timeout();

    /** The largest request body passed on (the console's own forms send a few kilobytes). */
    @WithDefault("1048576")
    int maxBodyBytes();

    interface Services {
        URI channel();

        URI queue();

        URI notification();

        URI billing();
    }
}
