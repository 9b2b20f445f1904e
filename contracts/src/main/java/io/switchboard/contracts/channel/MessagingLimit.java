package io.switchboard.contracts.channel;

import java.util.Optional;

/**
 * Meta's messaging limit of a Cloud API number: how many business-initiated conversations (with distinct clients) it
 * may open in a rolling 24 hours. Replies within a conversation a client opened are not counted.
 */
public enum MessagingLimit {
    TIER_50(50),
    TIER_250(250),
    TIER_1K(1_000),
    TIER_2K(2_000),
    TIER_10K(10_000),
    TIER_100K(100_000),
    /** No limit on business-initiated conversations. */
    TIER_UNLIMITED(-1),
    /** The number has not sent yet: Meta has set no limit. */
    TIER_NOT_SET(-1);

    private final int conversations;

    MessagingLimit(int conversations) {
        this.conversations = conversations;
    }

    /** Conversations per rolling 24 hours; empty when unlimited or not set. */
    public Optional<Integer> conversations() {
        return conversations < 0 ? Optional.empty() : Optional.of(conversations);
    }

    /** Meta's name ({@code TIER_250}), or empty for one this version does not know. */
    public static Optional<MessagingLimit> of(String tier) {
        if (tier == null) {
            return Optional.empty();
        }
        for (MessagingLimit limit : values()) {
            if (limit.name().equalsIgnoreCase(tier.trim())) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }
}
