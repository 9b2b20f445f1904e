package io.switchboard.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What a bearer token must keep besides its signature, issuer and audience ({@code mp.jwt.verify.*}). */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthSettings {

    /** The longest a token may be valid for ({@code exp - iat}): a stolen token is worth this much at most. */
    @WithDefault("24h")
    Duration maxTokenLifetime();

    /** How far ahead of this server's clock a token's {@code iat} may be (the issuer's clock runs a little fast). */
    @WithDefault("60s")
    Duration clockSkew();
}
