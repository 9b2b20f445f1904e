package io.switchboard.notification.channel;

import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
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

    Notice alert(ChannelWatch watch, ChannelAlert alert, Instant at) {
        String channel = channel(watch);
        String when = at(watch, at);
        return switch (alert) {
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
