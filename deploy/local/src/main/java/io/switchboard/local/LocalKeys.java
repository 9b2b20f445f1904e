package io.switchboard.local;

import io.switchboard.testkit.auth.KeyPairs;
import io.switchboard.testkit.auth.SecretKeys;
import io.switchboard.testkit.auth.TokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JWT key pair of the local run, and the key that seals the services' secrets: generated on first use (private
 * parts 0600), then kept, so tokens stay valid and sealed secrets open across restarts.
 */
final class LocalKeys {

    private final Path dir;

    LocalKeys(Path dir) {
        this.dir = dir;
    }

    /** Generates the pair unless both files exist; returns true if it generated. */
    boolean ensure() {
        if (Files.isRegularFile(privatePem()) && Files.isRegularFile(publicPem())) {
            try { // a key written before the local run kept it to its owner
                Files.setPosixFilePermissions(
                        privatePem(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
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

    /** The setting of the key that seals the services' secrets, made on first use. */
    String secretKeys() {
        return SecretKeys.ensure(dir);
    }

    TokenIssuer issuer() {
        ensure();
        return new TokenIssuer(KeyPairs.readPrivate(privatePem()));
    }
}
