package io.switchboard.testkit.matrix;

import java.util.Map;

/**
 * One bad request of the matrix and what must come back.
 *
 * @param target the path and query, percent-encoded as sent
 * @param body the raw body, or null for none
 * @param refusedAsAnotherAccount the request is well-formed but made with another account's token: it must be refused
 *        as if the resource did not exist (401, 403 or 404), never served
 */
public record Probe(
        Operation operation,
        String what,
        String method,
        String target,
        Map<String, String> headers,
        byte[] body,
        boolean refusedAsAnotherAccount) {

    @Override
    public String toString() {
        return operation.key() + " [" + what + "]";
    }
}
