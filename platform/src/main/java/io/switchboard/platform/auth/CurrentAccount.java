package io.switchboard.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.switchboard.platform.problem.ProblemException;
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

    /** Who is calling (the token's subject), for the record of who did what; null when the token names no one. */
    public String subject() {
        return token.getName();
    }

    /** A platform operator: may act on any account's settings. */
    public boolean isOps() {
        return token.getGroups() != null && token.getGroups().contains(Roles.OPS);
    }

    /**
     * The account named in a path, if the caller may act on it (its own, or any for {@code ops}); otherwise 404, as
     * for any other account's resource.
     */
    public String authorised(String accountId) {
        if (isOps() || id().equals(accountId)) {
            return accountId;
        }
        throw ProblemException.notFound("Account", accountId);
    }
}
