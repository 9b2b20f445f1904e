package io.switchboard.contracts.channel;

/** Meta's quality rating of a Cloud API number, from the recipients' recent feedback (blocks, reports). */
public enum NumberQuality {
    /** High quality. */
    GREEN,
    /** Medium quality: a warning. */
    YELLOW,
    /** Low quality: Meta may lower the messaging limit or restrict the number. */
    RED,
    /** Not rated yet (a new number, or too few messages). */
    UNKNOWN
}
