package io.switchboard.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets kept at rest (a channel's webhook secret and registration PIN, curators' webhook secrets) with
 * AES-256-GCM under a key of {@code switchboard.secrets.keys}: {@code id:base64key[,id:base64key...]}, the first of
 * which seals and all of which open. A sealed value reads {@code sb1:<key id>:<base64 of nonce, ciphertext and tag>};
 * the key id and the format are authenticated with it, so a value cannot be moved to another key or altered unnoticed.
 *
 * <p>Rotation: put a new key first and keep the old ones after it; values sealed with an old key still open, and each
 * service reseals its rows with the first key at start ({@link Resealer}); once it reports none left, the old key can
 * go. A value without the prefix is one stored before sealing: it opens as it is, and is resealed too.
 */
public final class SecretBox {

    public static final String PREFIX = "sb1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String sealingKey;

    private SecretBox(Map<String, SecretKey> keys) {
        this.keys = keys;
        this.sealingKey = keys.isEmpty() ? null : keys.keySet().iterator().next();
    }

    /** The keys of a {@code switchboard.secrets.keys} setting; an empty box (which seals nothing) for none. */
    public static SecretBox of(String setting) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                String id = colon < 0 ? "" : entry.substring(0, colon).strip();
                if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                    throw new IllegalArgumentException(
                            "switchboard.secrets.keys: each key is id:base64 with an id of 1 to"
                                    + " 32 letters, digits, '_' or '-'");
                }
                byte[] key;
                try {
                    key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("switchboard.secrets.keys: key '" + id + "' is not base64");
                }
                if (key.length != 32) {
                    throw new IllegalArgumentException("switchboard.secrets.keys: key '" + id + "' has " + key.length
                            + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
                }
                if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                    throw new IllegalArgumentException("switchboard.secrets.keys: key id '" + id + "' is given twice");
                }
            }
        }
        return new SecretBox(keys);
    }

    /** A new random key in the setting's form, e.g. for {@code id}: {@code id:base64}. */
    public static String newKey(String id) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    public boolean hasKeys() {
        return sealingKey != null;
    }

    /** The id of the key that seals. */
    public String sealingKeyId() {
        return sealingKey;
    }

    /** The ids of every key, the sealing one first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /** The value sealed with the first key; null stays null. */
    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        if (sealingKey == null) {
            throw new IllegalStateException("No key to seal secrets with: set switchboard.secrets.keys");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, sealingKey, nonce);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + sealingKey + ":"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    /** The plaintext of a sealed value; a value stored before sealing (no prefix) as it is; null stays null. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("A sealed secret is malformed");
        }
        String id = stored.substring(PREFIX.length(), colon);
        if (!keys.containsKey(id)) {
            throw new IllegalStateException(
                    "A secret is sealed with key '" + id + "', which switchboard.secrets.keys does not have");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, id, java.util.Arrays.copyOf(all, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException(
                    "A secret sealed with key '" + id + "' does not open: altered, or another key" + " of that id");
        }
    }

    /** Whether the stored value is sealed with the first key (else a reseal rewrites it). */
    public boolean isSealedWithSealingKey(String stored) {
        return stored == null || sealingKey != null && stored.startsWith(PREFIX + sealingKey + ":");
    }

    private Cipher cipher(int mode, String keyId, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((PREFIX + keyId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
