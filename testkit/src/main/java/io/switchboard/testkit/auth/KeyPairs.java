package io.switchboard.testkit.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** RSA key pairs for signing and verifying tokens, read from and written to PEM files. */
public final class KeyPairs {

    private KeyPairs() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /**
     * Writes {@code private.pem} (PKCS#8, readable by its owner only: 0600) and {@code public.pem} (X.509) into
     * {@code dir}.
     */
    public static void writePem(KeyPair keyPair, Path dir) {
        try {
            Files.createDirectories(dir);
            writeOwnerOnly(
                    privatePem(dir), pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
            Files.writeString(
                    publicPem(dir), pem("PUBLIC KEY", keyPair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file only its owner may read or write (0600), created so before anything is in it. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> ownerOnly =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, ownerOnly);
    }

    public static Path privatePem(Path dir) {
        return dir.resolve("private.pem");
    }

    public static Path publicPem(Path dir) {
        return dir.resolve("public.pem");
    }

    public static PrivateKey readPrivate(Path pemFile) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decode(pemFile)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA private key in PKCS#8 PEM: " + pemFile, e);
        }
    }

    public static PublicKey readPublic(Path pemFile) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(pemFile)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA public key in PEM: " + pemFile, e);
        }
    }

    private static byte[] decode(Path pemFile) {
        try {
            String body = Files.readString(pemFile)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
