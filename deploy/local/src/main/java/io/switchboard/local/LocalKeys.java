package io.switchboard.local;

import io.switchboard.testkit.auth.KeyPairs;
import io.switchboard.testkit.auth.TokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JWT key pair of the local run: generated on first use, then kept, so tokens stay valid across restarts. */
final class LocalKeys {

    private final Path dir;

    LocalKeys(Path dir) {
        this.dir = dir;
    }

    /** Generates the pair unless both files exist; returns true if it generated. */
    boolean ensure() {
        if (Files.isRegularFile(privatePem()) && Files.isRegularFile(publicPem())) {
            return false;
        }
        KeyPairs.writePem(KeyPairs.generate(), dir);
        return true;
    }

    Path publicPem() {
        return KeyPairs.publicPem(dir).toAbsolutePath();
    }

    Path privatePem() {
        return KeyPairs.privatePem(dir).toAbsolutePath();
    }

    TokenIssuer issuer() {
        ensure();
        return new TokenIssuer(KeyPairs.readPrivate(privatePem()));
    }
}
