package io.switchboard.local;

import io.switchboard.testkit.auth.TokenIssuer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;

/** {@code token --account <id> [--ops]}: a signed access token for the local services, valid 12 hours. */
final class TokenCommand {

    static final Duration VALIDITY = Duration.ofHours(12);

    private final LocalKeys keys;
    private final PrintStream out;

    TokenCommand(LocalKeys keys, PrintStream out) {
        this.keys = keys;
        this.out = out;
    }

    int run(String account, boolean ops) {
        // Only the token on stdout, so that TOKEN=$(./switchboard token --account acme) works.
        out.println(token(account, ops));
        return 0;
    }

    /**
     * {@code console}: the console's address with such a token after {@code #token=} (a fragment: the browser never
     * sends it to a server; the console keeps it in the tab and takes it out of the address).
     */
    int consoleLink(String console, String account, boolean ops) {
        out.println(console + "/console/#token=" + token(account, ops));
        return 0;
    }

    private String token(String account, boolean ops) {
        if (!account.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new CliException("An account id is 1 to 64 letters, digits, '.', '_' or '-'; got '" + account + "'");
        }
        Set<String> groups =
                ops ? Set.of(TokenIssuer.ACCOUNT_ADMIN, TokenIssuer.OPS) : Set.of(TokenIssuer.ACCOUNT_ADMIN);
        return keys.issuer().token(account, groups, VALIDITY);
    }
}
