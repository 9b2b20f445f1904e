package io.switchboard.platform.secrets;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The keys secrets are sealed with. */
@ConfigMapping(prefix = "switchboard.secrets")
public interface SecretSettings {

    /**
     * {@code id:base64key[,id:base64key...]}, 32-byte AES keys ({@code openssl rand -base64 32}); the first seals, all
     * open. From a Kubernetes Secret in production ({@code SWITCHBOARD_SECRETS_KEYS}).
     */
    Optional<String> keys();
}
