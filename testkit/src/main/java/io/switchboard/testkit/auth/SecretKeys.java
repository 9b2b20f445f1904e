package io.switchboard.testkit.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals the secrets the services keep ({@code switchboard.secrets.keys}) for the local run and the system
 * tests: generated at random on first use into {@code secrets-keys} (0600) and kept, so a restart opens what the last
 * run sealed.
 */
public final class SecretKeys {

    public static final String KEYS = "SWITCHBOARD_SECRETS_KEYS";

    private SecretKeys() {}

    /** The {@code switchboard.secrets.keys} setting kept in {@code dir}, made there if it is not yet. */
    public static String ensure(Path dir) {
        Path file = dir.resolve("secrets-keys");
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(dir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                KeyPairs.writeOwnerOnly(file, "local:" + Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
