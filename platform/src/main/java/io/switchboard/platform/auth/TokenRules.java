package io.switchboard.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The rules a verified token must also keep (signature, issuer, audience and expiry are checked before): issued no
 * later than now (give or take {@code clock-skew}), valid for at most {@code max-token-lifetime}, and an
 * {@code account} claim that is a string and an account id ({@link AccountIds}). A token that breaks one is refused
 * as unauthenticated (401), whatever it would have allowed.
 */
@ApplicationScoped
public class TokenRules implements SecurityIdentityAugmentor {

    private final AuthSettings settings;

    public TokenRules(AuthSettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String broken = broken(token);
        return broken == null
                ? Uni.createFrom().item(identity)
                : Uni.createFrom().failure(new AuthenticationFailedException(broken));
    }

    /** What the token breaks, or null. */
    String broken(JsonWebToken token) {
        long issuedAt = token.getIssuedAtTime();
        long expires = token.getExpirationTime();
        if (issuedAt <= 0 || expires <= 0) {
            return "The token has no iat or no exp";
        }
        // The system clock, as the signature's expiry check uses: a service's own clock may be a test's.
        if (Instant.ofEpochSecond(issuedAt).isAfter(Instant.now().plus(settings.clockSkew()))) {
            return "The token is issued in the future";
        }
        if (Duration.ofSeconds(expires - issuedAt).compareTo(settings.maxTokenLifetime()) > 0) {
            return "The token is valid for longer than " + settings.maxTokenLifetime();
        }
        Object account = token.getClaim(CurrentAccount.CLAIM);
        if (account instanceof JsonString json) {
            account = json.getString();
        }
        if (account != null && !(account instanceof String id && AccountIds.isValid(id))) {
            return "The token's '" + CurrentAccount.CLAIM + "' claim is not an account id";
        }
        return null;
    }
}
