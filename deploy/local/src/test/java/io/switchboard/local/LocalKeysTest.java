package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's private keys are its owner's alone, and kept across runs. */
@Tag("fast")
class LocalKeysTest {

    @TempDir
    Path dir;

    @Test
    void thePrivateKeyAndTheSealingKeyAreReadableByTheirOwnerOnlyAndKept() throws Exception {
        LocalKeys keys = new LocalKeys(dir);
        assertThat(keys.ensure()).isTrue();
        String sealing = keys.secretKeys();
        assertThat(sealing).matches("local:[A-Za-z0-9+/]{43}=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privatePem())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets-keys"))))
                .isEqualTo("rw-------");

        // A key written before the run kept it private is made so at the next start.
        Files.setPosixFilePermissions(keys.privatePem(), PosixFilePermissions.fromString("rw-r--r--"));
        LocalKeys again = new LocalKeys(dir);
        assertThat(again.ensure()).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privatePem())))
                .isEqualTo("rw-------");
        assertThat(again.secretKeys()).isEqualTo(sealing);
    }
}
