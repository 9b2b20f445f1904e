package io.switchboard.platform.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits of {@link RequestLimits}; the HTTP server's own ({@code quarkus.http.limits.*}) are set above them. */
@ConfigMapping(prefix = "switchboard.http")
public interface RequestLimitSettings {

    /** Longest URL (path and query) in characters. */
    @WithDefault("4096")
    int maxUriLength();

    /** Largest sum of header names and values in bytes. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /** Largest declared body in bytes: a batch of 500 long messages fits. */
    @WithDefault("4194304")
    long maxBodyBytes();
}
