package io.switchboard.channel.standing;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.NumberQuality;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.provider.BanState;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.text.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Applies what Meta says of a Cloud API number's standing to its channel (locked by the caller). A change of
 * something already known is announced with its alert, at most once per change; the first time a value is learnt
 * it is recorded quietly (a new version and state, no alert): nothing changed for anyone. A ban and a block move the
 * connection status; a restriction from answering clients holds new messages until it ends (a timer).
 */
@ApplicationScoped
public class CloudStandings {

    private static final Logger LOG = Logger.getLogger(CloudStandings.class);

    private final ChannelChanges changes;
    private final ChannelTimers timers;

    public CloudStandings(ChannelChanges changes, ChannelTimers timers) {
        this.changes = changes;
        this.timers = timers;
    }

    /** A NUMBER_QUALITY or BUSINESS_ACCOUNT event (Meta's webhooks). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Channel channel, ProviderEvent event) {
        ProviderEvent.Standing standing = event.standing();
        if (channel.kind != ChannelKind.CLOUD_API || standing == null) {
            return;
        }
        StatusCause cause = StatusCause.PROVIDER_EVENT;
        quality(channel, standing.quality(), cause, "Meta " + standing.event());
        limit(channel, standing.messagingLimit(), cause, "Meta " + standing.event());
        if ("ACCOUNT_RESTRICTION".equals(standing.event())) {
            restrict(channel, standing.restricted(), standing.restrictedUntil());
        }
        if (standing.banState() != null) {
            ban(channel, standing.banState());
        }
        if (standing.violation() != null) {
            changes.announce(
                    channel,
                    cause,
                    ChannelAlert.POLICY_VIOLATION,
                    "Meta found the business account in violation of its policies (" + standing.violation()
                            + "): repeated violations restrict or disable it. Review it in WhatsApp Manager.");
        }
    }

    /** The quality rating; a change of a known one is announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void quality(Channel channel, NumberQuality quality, StatusCause cause, String source) {
        if (quality == null || quality == channel.quality) {
            return;
        }
        NumberQuality before = channel.quality;
        channel.quality = quality;
        String detail = "quality " + (before == null ? "" : before + " -> ") + quality + " (" + source + ")"
                + (quality == NumberQuality.RED
                        ? ": Meta may lower the messaging limit or restrict the number; send only what clients asked"
                                + " for"
                        : "");
        told(channel, before == null, cause, ChannelAlert.QUALITY_CHANGED, detail);
    }

    /** The messaging limit; a change of a known one is announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void limit(Channel channel, MessagingLimit limit, StatusCause cause, String source) {
        if (limit == null || limit == channel.messagingLimit) {
            return;
        }
        MessagingLimit before = channel.messagingLimit;
        channel.messagingLimit = limit;
        String detail = "messaging limit " + (before == null ? "" : before + " -> ") + limit
                + limit.conversations()
                        .map(n -> " (" + n + " business-initiated conversations per rolling 24 hours)")
                        .orElse("")
                + " (" + source + ")";
        told(channel, before == null, cause, ChannelAlert.MESSAGING_LIMIT_CHANGED, detail);
    }

    /**
     * A value learnt for the first time is published without an alert (nothing changed for people, but the queue
     * counts against the messaging limit); a change of a known one is announced with its alert.
     */
    private void told(Channel channel, boolean firstLearnt, StatusCause cause, ChannelAlert alert, String detail) {
        if (firstLearnt) {
            changes.announce(channel, cause, null, detail);
        } else {
            changes.announce(channel, cause, alert, detail);
        }
    }

    private void restrict(Channel channel, MessagingRestriction restriction, Instant until) {
        if (restriction == null || (until != null && !until.isAfter(Instant.now()))) {
            endRestriction(channel, StatusCause.PROVIDER_EVENT, "Meta lifted the restriction");
            return;
        }
        if (restriction == channel.restriction && Objects.equals(until, channel.restrictedUntil)) {
            return;
        }
        channel.restriction = restriction;
        channel.restrictedUntil = until;
        if (until != null) {
            timers.schedule(channel.id, TimerKind.RESTRICTION_END, until, 0);
        } else {
            timers.cancel(channel.id, TimerKind.RESTRICTION_END);
        }
        changes.announce(
                channel,
                StatusCause.PROVIDER_EVENT,
                ChannelAlert.MESSAGING_RESTRICTED,
                "Meta restricted " + what(restriction) + (until == null ? " with no end given" : " until " + until)
                        + (restriction == MessagingRestriction.BUSINESS_INITIATED
                                ? ": replies to clients who wrote still go out"
                                : ": new messages are held until it ends"));
    }

    /** Ends a restriction in force (its time passed, or Meta lifted it): held messages go out again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endRestriction(Channel channel, StatusCause cause, String why) {
        if (channel.restriction == null) {
            return;
        }
        MessagingRestriction ended = channel.restriction;
        channel.restriction = null;
        channel.restrictedUntil = null;
        timers.cancel(channel.id, TimerKind.RESTRICTION_END);
        changes.announce(
                channel,
                cause,
                ChannelAlert.MESSAGING_RESTRICTION_ENDED,
                why + ": " + what(ended) + " is no longer restricted");
    }

    /**
     * The number's standing as the Cloud API answered it: quality and limit as a webhook would tell them; BLOCKED
     * moves an ACTIVE number to BLOCKED (messages held), AVAILABLE or LIMITED brings a BLOCKED one back; LIMITED is
     * announced once, with Meta's reasons.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyHealth(Channel channel, CloudNumberApi.NumberStanding standing) {
        if (standing == null) {
            return;
        }
        StatusCause cause = StatusCause.WATCHDOG;
        quality(channel, qualityOf(standing.qualityRating()), cause, "Meta's health status");
        limit(channel, MessagingLimit.of(standing.messagingLimitTier()).orElse(null), cause, "Meta's health status");
        CloudNumberApi.HealthStatus health = standing.healthStatus();
        String canSend = health == null || health.canSendMessage() == null ? "" : health.canSendMessage();
        String why = reasons(health);
        switch (canSend) {
            case "BLOCKED" -> {
                if (channel.connectionStatus == ChannelStatus.ACTIVE) {
                    changes.moveConnection(
                            channel, ChannelStatus.BLOCKED, cause, "Meta's health status: BLOCKED (" + why + ")");
                }
            }
            case "AVAILABLE", "LIMITED" -> {
                if (channel.connectionStatus == ChannelStatus.BLOCKED) {
                    changes.moveConnection(channel, ChannelStatus.ACTIVE, cause, "Meta's health status: " + canSend);
                }
                limited(channel, canSend.equals("LIMITED") ? why : null, cause);
            }
            default -> LOG.debugf("Channel %s: health status '%s' not understood", channel.id, canSend);
        }
    }

    private void limited(Channel channel, String why, StatusCause cause) {
        if (Objects.equals(why, channel.sendingLimitedBy)) {
            return;
        }
        boolean news = channel.sendingLimitedBy == null;
        channel.sendingLimitedBy = why;
        if (why != null && news) {
            changes.announce(
                    channel, cause, ChannelAlert.SENDING_LIMITED, "Meta's health status: LIMITED (" + why + ")");
        } else {
            changes.record(
                    channel,
                    channel.effectiveStatus(),
                    cause,
                    why == null ? "Meta's health status: AVAILABLE, no longer limited" : "LIMITED (" + why + ")");
        }
    }

    private static NumberQuality qualityOf(String rating) {
        if (rating == null) {
            return null;
        }
        return switch (rating.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "GREEN", "HIGH" -> NumberQuality.GREEN;
            case "YELLOW", "MEDIUM" -> NumberQuality.YELLOW;
            case "RED", "LOW" -> NumberQuality.RED;
            case "UNKNOWN", "NA" -> NumberQuality.UNKNOWN;
            default -> null;
        };
    }

    /** Meta's reasons, from every entity that cannot send freely: "description (solution)", cut to the column. */
    private static String reasons(CloudNumberApi.HealthStatus health) {
        if (health == null || health.entities() == null) {
            return "no reason given";
        }
        StringBuilder reasons = new StringBuilder();
        for (CloudNumberApi.Entity entity : health.entities()) {
            if (entity.errors() == null) {
                continue;
            }
            for (CloudNumberApi.Error error : entity.errors()) {
                if (!reasons.isEmpty()) {
                    reasons.append("; ");
                }
                reasons.append(entity.entityType()).append(": ").append(error.errorDescription());
                if (error.possibleSolution() != null) {
                    reasons.append(" (").append(error.possibleSolution()).append(")");
                }
            }
        }
        return reasons.isEmpty() ? "no reason given" : Texts.fit(reasons.toString(), 400);
    }

    private void ban(Channel channel, BanState state) {
        switch (state) {
            case SCHEDULE_FOR_DISABLE ->
                changes.announce(
                        channel,
                        StatusCause.PROVIDER_EVENT,
                        ChannelAlert.BAN_SCHEDULED,
                        "Meta scheduled the business account to be disabled: request a review in WhatsApp Manager"
                                + " before it is");
            case DISABLE ->
                changes.moveConnection(
                        channel,
                        ChannelStatus.BANNED,
                        StatusCause.PROVIDER_EVENT,
                        "Meta disabled the business account");
            case REINSTATE -> {
                if (channel.connectionStatus == ChannelStatus.BANNED) {
                    changes.moveConnection(
                            channel,
                            ChannelStatus.ACTIVE,
                            StatusCause.PROVIDER_EVENT,
                            "Meta reinstated the business account");
                }
            }
        }
        LOG.infof("Channel %s: Meta's ban state of its business account is %s", channel.id, state);
    }

    private static String what(MessagingRestriction restriction) {
        return switch (restriction) {
            case BUSINESS_INITIATED -> "opening conversations (business-initiated messaging)";
            case CUSTOMER_INITIATED -> "answering clients (customer-initiated messaging)";
            case ALL -> "all messaging";
        };
    }
}
