package io.switchboard.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The account (tenant) of the caller, from the token's {@code account} claim. Every query a resource runs for a
 * caller is scoped by it, so one account never reaches another's data.
 */
@RequestScoped
public class CurrentAccount {

    public static final String CLAIM = "account";

    private final JsonWebToken token;

    public CurrentAccount(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's account id; a token without one is refused as unauthenticated. */
    public String id() {
        Object account = token.getClaim(CLAIM);
        String id = account == null ? null : account.toString();
        if (id == null || id.isBlank()) {
            throw new AuthenticationFailedException("The token carries no '" + CLAIM + "' claim");
        }
        return id;
    }
}
