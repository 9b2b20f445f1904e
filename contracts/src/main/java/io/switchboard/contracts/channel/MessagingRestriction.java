package io.switchboard.contracts.channel;

/** What Meta restricted of a Cloud API number's messaging, until {@code restrictedUntil}. */
public enum MessagingRestriction {
    /** It may not open conversations; it may still answer clients who wrote within 24 hours. */
    BUSINESS_INITIATED,
    /** It may not answer conversations clients opened. */
    CUSTOMER_INITIATED,
    /** Both: it may send nothing. */
    ALL
}
