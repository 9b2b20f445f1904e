package io.switchboard.platform.auth;

import java.util.regex.Pattern;

/**
 * What an account id is, everywhere: 1 to 64 letters, digits, '.', '_' or '-', beginning with a letter or digit (so
 * never {@code .} or {@code ..}, which would walk a URL to another resource). Billing opens accounts with such ids, and
 * a token's {@code account} claim must be one.
 */
public final class AccountIds {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String DESCRIPTION =
            "is 1 to 64 letters, digits, '.', '_' or '-', beginning with a letter or digit";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private AccountIds() {}

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }
}
