package io.switchboard.testkit.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Signs access tokens the way the platform's issuer does: RS256, issuer and audience {@value #ISSUER}, claim
 * {@code account} (the tenant) and {@code groups} ({@code account-admin}, {@code ops}).
 */
public final class TokenIssuer {

    /** The issuer the services verify ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "switchboard";
    /** The audience the services require ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "switchboard";

    public static final String ACCOUNT_ADMIN = "account-admin";
    public static final String OPS = "ops";

    private final PrivateKey signingKey;

    public TokenIssuer(PrivateKey signingKey) {
        this.signingKey = signingKey;
    }

    /** A token for an account administrator, valid for an hour. */
    public String token(String accountId) {
        return token(accountId, Set.of(ACCOUNT_ADMIN), Duration.ofHours(1));
    }

    public String token(String accountId, Set<String> groups, Duration validFor) {
        Instant now = Instant.now();
        return sign(claims(accountId, groups).issuedAt(now).expiresAt(now.plus(validFor)));
    }

    /** The claims of an account's token, not yet timed or signed: a test changes one to see it refused. */
    public JwtClaimsBuilder claims(String accountId, Set<String> groups) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(accountId + "-user")
                .claim("account", accountId)
                .groups(groups);
    }

    public String sign(JwtClaimsBuilder claims) {
        return claims.sign(signingKey);
    }

    /** A token that expired a minute ago: the services must refuse it. */
    public String expiredToken(String accountId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(
                claims(accountId, Set.of(ACCOUNT_ADMIN)).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(59))));
    }
}
