package io.switchboard.contracts.channel;

import java.time.Instant;

/**
 * How Meta rates and limits a Cloud API number, as channel-service last learnt it from Meta's webhooks and the number's
 * health status. Every part is null until Meta has told it.
 *
 * @param quality the quality rating
 * @param messagingLimit business-initiated conversations per rolling 24 hours
 * @param restriction what Meta restricted of its messaging; null when nothing is restricted
 * @param restrictedUntil when the restriction ends; null when nothing is restricted or Meta gave no end
 * @param sendingLimitedBy why Meta limits what it can send ({@code health_status} LIMITED); null when it does not
 */
public record CloudStanding(
        NumberQuality quality,
        MessagingLimit messagingLimit,
        MessagingRestriction restriction,
        Instant restrictedUntil,
        String sendingLimitedBy) {

    /** Nothing known. */
    public static final CloudStanding UNKNOWN = new CloudStanding(null, null, null, null, null);
}
