package io.switchboard.platform.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How long each kind of data is kept, and how it is deleted. */
@ConfigMapping(prefix = "switchboard.retention")
public interface RetentionSettings {

    /** Deletes nothing when false (data is then kept for ever). */
    @WithDefault("true")
    boolean enabled();

    /** How often old rows are looked for. */
    @WithDefault("10m")
    Duration interval();

    /** Rows deleted per transaction: small enough to hold no lock for long, on any replica. */
    @WithDefault("2000")
    int batch();

    /** Per rule name ({@code keep.messages=30d}): how long its rows are kept; the rule's default otherwise. */
    Map<String, Duration> keep();
}
