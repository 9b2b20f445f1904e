package io.switchboard.notification.channel;

import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.notification.account.AccountWatches;
import io.switchboard.notification.curator.NotificationKind;
import io.switchboard.notification.delivery.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The words of channel notices: which channel, what happened since when, and what to do. */
@ApplicationScoped
class ChannelNoticeTexts {

    private final AccountWatches zones;

    public ChannelNoticeTexts(AccountWatches zones) {
        this.zones = zones;
    }

    /** The status as people know it (docs/product/channel-statuses.md). */
    static String label(ChannelStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case STARTING -> "Wait a minute";
            case PHONE_UNAVAILABLE -> "Phone not available";
            case NOT_PAID -> "Not paid";
            case QR_REQUIRED -> "QR-scan needed";
            case OPENED_ELSEWHERE -> "Opened somewhere else";
            case VERIFICATION_REQUIRED -> "Disconnected (verification needed)";
            case BLOCKED -> "Blocked by Meta";
            case BANNED -> "Banned by Meta";
            case SYNC_ERROR -> "Sync error";
            case ERROR -> "Something went wrong";
            case DISABLED -> "Off";
            case DELETED -> "Deleted";
        };
    }

    /** The channel's condition changed to a problem (or from one problem to another). */
    Notice problem(ChannelWatch watch) {
        ChannelStatus status = watch.condition;
        return notice(
                watch,
                NotificationKind.CHANNEL_STATUS,
                "channel.status-changed",
                null,
                label(status),
                "The channel " + channel(watch) + " is " + label(status) + " since " + at(watch, watch.conditionSince)
                        + ". What to do: " + status.requiredAction().description(),
                watch.conditionSince);
    }

    /** Back to Active after a problem or an alert was told. */
    Notice recovery(ChannelWatch watch) {
        String was = watch.announced == ChannelStatus.ACTIVE
                ? ""
                : "; it was " + label(watch.announced) + " since " + at(watch, watch.announcedSince);
        return notice(
                watch,
                NotificationKind.CHANNEL_STATUS,
                "channel.recovered",
                null,
                "Active again",
                "The channel " + channel(watch) + " is Active again since " + at(watch, watch.conditionSince) + was
                        + ". Nothing to do.",
                watch.conditionSince);
    }

    /** @param detail what channel-service found, in its words (Meta's findings name the new value) */
    Notice alert(ChannelWatch watch, ChannelAlert alert, Instant at, String detail) {
        String channel = channel(watch);
        String when = at(watch, at);
        String found = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
        return switch (alert) {
            case QUALITY_CHANGED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.quality-changed",
                        alert,
                        "quality rating changed",
                        "Meta rated the quality of the channel " + channel + " anew at " + when + found
                                + ". What to do: if it is YELLOW or RED, send only messages clients asked for and make"
                                + " opting out easy; a low rating lowers the messaging limit or restricts the number.",
                        at);
            case MESSAGING_LIMIT_CHANGED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.messaging-limit-changed",
                        alert,
                        "messaging limit changed",
                        "Meta changed the messaging limit of the channel " + channel + " at " + when + found
                                + ". It counts the conversations the business opens in a rolling 24 hours; replies to"
                                + " clients are not counted. What to do: if it went down, open fewer conversations a day"
                                + " until Meta raises it again; otherwise nothing.",
                        at);
            case MESSAGING_RESTRICTED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.messaging-restricted",
                        alert,
                        "messaging restricted by Meta",
                        "Meta restricted the messaging of the channel " + channel + " at " + when + found
                                + ". What to do: "
                                + RequiredAction.WAIT_FOR_RESTRICTION_END.description(),
                        at);
            case MESSAGING_RESTRICTION_ENDED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.messaging-restriction-ended",
                        alert,
                        "restriction ended",
                        "The restriction of the channel " + channel + " ended at " + when + found
                                + ": held messages are being sent. Nothing to do.",
                        at);
            case BAN_SCHEDULED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.ban-scheduled",
                        alert,
                        "business account to be disabled",
                        "Meta scheduled the business account of the channel " + channel + " to be disabled ("
                                + when + "). What to do: request a review in WhatsApp Manager now; once it is"
                                + " disabled, nothing can be sent.",
                        at);
            case POLICY_VIOLATION ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.policy-violation",
                        alert,
                        "policy violation",
                        "Meta found the business account of the channel " + channel + " in violation of its"
                                + " policies at " + when + found + ". What to do: review it in WhatsApp Manager;"
                                + " repeated violations restrict or disable the account.",
                        at);
            case SENDING_LIMITED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.sending-limited",
                        alert,
                        "sending limited by Meta",
                        "Meta limits what the channel " + channel + " can send since " + when + found
                                + ". What to do: open WhatsApp Manager and resolve what it names.",
                        at);
            case MESSAGING_LIMIT_NEAR ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.messaging-limit-near",
                        alert,
                        "approaching the messaging limit",
                        "The channel " + channel + " is approaching its messaging limit at " + when + found
                                + ". What to do: send templates only to clients who expect them; once the limit is"
                                + " reached, messages that would begin a conversation wait up to 24 hours. Meta raises"
                                + " the limit as the number keeps a good quality rating.",
                        at);
            case MESSAGING_LIMIT_REACHED ->
                notice(
                        watch,
                        NotificationKind.CLOUD_STANDING,
                        "channel.messaging-limit-reached",
                        alert,
                        "messaging limit reached",
                        "The channel " + channel + " reached its messaging limit at " + when + found
                                + ". Messages that would begin a conversation with a client wait until a conversation"
                                + " counted is 24 hours old; replies to clients who wrote go on. Nothing is lost."
                                + " What to do: nothing now; keep templates to clients who expect them.",
                        at);
            case UNSTABLE ->
                notice(
                        watch,
                        NotificationKind.CHANNEL_UNSTABLE,
                        "channel.unstable",
                        alert,
                        "unstable",
                        "The channel " + channel + " is unstable since " + when
                                + ": it keeps dropping and reconnecting."
                                + " What to do: restart the channel or change its proxy.",
                        at);
            case STABLE_AGAIN ->
                notice(
                        watch,
                        NotificationKind.CHANNEL_UNSTABLE,
                        "channel.stable-again",
                        alert,
                        "stable again",
                        "The channel " + channel + " is stable again since " + when
                                + ": it has not dropped for a while. Nothing to do.",
                        at);
            case STUCK ->
                notice(
                        watch,
                        NotificationKind.CHANNEL_STUCK,
                        "channel.stuck",
                        alert,
                        "stuck",
                        "The channel " + channel + " has been starting for too long (" + when
                                + "); its provider session"
                                + " is restarted once. What to do: if it stays so, restart the channel, then contact"
                                + " support.",
                        at);
            case PHONE_OVERDUE ->
                notice(
                        watch,
                        NotificationKind.PHONE_OVERDUE,
                        "channel.phone-overdue",
                        alert,
                        "the phone is back, the channel is not",
                        "The phone of the channel " + channel + " came back"
                                + " online, but the channel is not Active within 3 minutes (" + when + "). What to do:"
                                + " check the phone's internet connection and that WhatsApp is open on it.",
                        at);
            case QR_EXPIRED ->
                notice(
                        watch,
                        NotificationKind.QR_EXPIRED,
                        "channel.qr-expired",
                        alert,
                        "Scan QR-code",
                        "The QR code of the channel " + channel + " expired before it was scanned ("
                                + when
                                + "). What to do: Scan QR-code: open the channel and scan the new QR code with the"
                                + " phone.",
                        at);
            case DELIVERY_STALLED ->
                notice(
                        watch,
                        NotificationKind.DELIVERY_STALLED,
                        "channel.delivery-stalled",
                        alert,
                        "connected but not delivering",
                        "The channel " + channel + " is connected but has not been delivering since " + when
                                + ": the messages it sent got no receipt from WhatsApp. New messages are held and"
                                + " its session is restarted once. What to do: open WhatsApp on the phone and check"
                                + " that it sends; if it does not, restart the channel. Held messages go out with the"
                                + " first receipt or message from a client.",
                        at);
            case DELIVERY_RESUMED ->
                notice(
                        watch,
                        NotificationKind.DELIVERY_STALLED,
                        "channel.delivery-resumed",
                        alert,
                        "delivering again",
                        "The channel " + channel + " is delivering again since " + when
                                + ": the held messages are being sent. Nothing to do.",
                        at);
        };
    }

    private Notice notice(
            ChannelWatch watch,
            NotificationKind kind,
            String type,
            ChannelAlert alert,
            String what,
            String text,
            Instant since) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", watch.accountId);
        data.put("channelId", watch.channelId);
        data.put("name", watch.name);
        data.put("phone", watch.phone);
        data.put("status", watch.condition.name());
        data.put("previousStatus", watch.announced.name());
        data.put("alert", alert == null ? null : alert.name());
        data.put("since", since.toString());
        data.put(
                "requiredAction",
                alert == null ? watch.condition.requiredAction().name() : null);
        return new Notice(
                watch.accountId,
                watch.channelId,
                kind,
                type,
                watch.name + " (" + watch.phone + "): " + what,
                text,
                data);
    }

    private static String channel(ChannelWatch watch) {
        return "\"" + watch.name + "\" (" + watch.phone + ")";
    }

    private String at(ChannelWatch watch, Instant at) {
        return zones.show(watch.accountId, at);
    }
}
