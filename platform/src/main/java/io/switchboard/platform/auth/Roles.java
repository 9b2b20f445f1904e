package io.switchboard.platform.auth;

/** Token groups the services authorise with. */
public final class Roles {

    /** A person who administers one account (the token's {@code account} claim). */
    public static final String ACCOUNT_ADMIN = "account-admin";
    /** Platform operators. */
    public static final String OPS = "ops";

    private Roles() {}
}
