package io.switchboard.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks an {@code Authorization: Bearer <key>} header against the expected key, in constant time. */
public final class BearerKey {

    private static final String BEARER = "Bearer ";

    private BearerKey() {}

    /** What is wrong with the header, or empty if it carries the key. */
    public static Optional<String> problem(String authorization, String expectedKey) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of("missing bearer token");
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expectedKey.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("invalid api key");
        }
        return Optional.empty();
    }
}
