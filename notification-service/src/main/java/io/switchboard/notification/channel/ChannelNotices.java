package io.switchboard.notification.channel;

import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.notification.delivery.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Decides what a channel's curators are told, and when (docs/product/channel-statuses.md, "Curator notifications"):
 *
 * <ul>
 * <li>a change of the channel's condition (its status, a reconnect and NOT_PAID left out) is told once it has held
 * for the debounce window: a flap back within the window tells nothing, a burst of changes tells the last;</li>
 * <li>"Active again" is told once, and only after a problem or an alert was told;</li>
 * <li>alerts are told at once, each once until the channel is told Active again; "unstable" once per unstable spell,
 * with "stable again" at its end; "not delivering" once per stall, with "delivering again" at its end.</li>
 * </ul>
 *
 * Each decision and the deliveries it makes are committed together, on the channel's locked watch row: a restart or a
 * second replica neither loses nor repeats a notice.
 */
@ApplicationScoped
class ChannelNotices {

    private final ChannelWatches watches;
    private final ChannelNoticeTexts texts;
    private final Notifier notifier;
    private final NoticeSettings settings;

    public ChannelNotices(
            ChannelWatches watches, ChannelNoticeTexts texts, Notifier notifier, NoticeSettings settings) {
        this.watches = watches;
        this.texts = texts;
        this.notifier = notifier;
        this.settings = settings;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ChannelStatusChanged event) {
        ChannelWatch watch = watches.locked(event.channelId());
        if (watch == null) {
            watch = firstSight(event);
        } else if (event.version() <= watch.lastVersion) {
            return; // seen already
        }
        watch.lastVersion = event.version();
        watch.name = event.name();
        watch.phone = event.phone();
        if (event.alert() != null) {
            alert(watch, event.alert(), event.occurredAt(), event.detail());
            return;
        }
        if (!counts(event.status())) {
            return;
        }
        boolean changed = event.status() != watch.condition;
        if (changed) {
            watch.condition = event.status();
            watch.conditionSince = event.occurredAt();
        }
        boolean owed =
                watch.condition == ChannelStatus.ACTIVE ? watch.owesRecovery() : watch.condition != watch.announced;
        if (!owed) {
            watch.dueAt = null;
        } else if (changed || watch.dueAt == null) {
            watch.dueAt = event.occurredAt().plus(settings.debounce());
        }
    }

    /** Tells what has held for the debounce window; returns how many watches were due. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fireDue(Instant now, int limit) {
        var due = watches.claimDue(now, limit);
        due.forEach(this::fire);
        return due.size();
    }

    /** Tells one channel's change, if it is due and free (a batch that failed goes channel by channel). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean fireOne(String channelId, Instant now) {
        return watches.claimIfDue(channelId, now)
                .map(watch -> {
                    fire(watch);
                    return true;
                })
                .orElse(false);
    }

    private void fire(ChannelWatch watch) {
        watch.dueAt = null;
        if (watch.condition == ChannelStatus.ACTIVE) {
            if (watch.owesRecovery()) {
                notifier.tell(texts.recovery(watch));
            }
            watch.toldActiveAgain();
        } else if (watch.condition != watch.announced) {
            notifier.tell(texts.problem(watch));
        }
        watch.announced = watch.condition;
        watch.announcedSince = watch.conditionSince;
    }

    private void alert(ChannelWatch watch, ChannelAlert alert, Instant at, String detail) {
        boolean tell;
        switch (alert) {
            case UNSTABLE -> {
                tell = !watch.unstable;
                watch.unstable = true;
            }
            case STABLE_AGAIN -> {
                tell = watch.unstable;
                watch.unstable = false;
            }
            case DELIVERY_RESUMED -> tell = watch.forget(ChannelAlert.DELIVERY_STALLED);
            // Meta's findings: channel-service announces each change once, and each one is news
            case QUALITY_CHANGED,
                    MESSAGING_LIMIT_CHANGED,
                    MESSAGING_RESTRICTED,
                    MESSAGING_RESTRICTION_ENDED,
                    BAN_SCHEDULED,
                    POLICY_VIOLATION,
                    SENDING_LIMITED,
                    // counted by the queue and told once a day at most
                    MESSAGING_LIMIT_NEAR,
                    MESSAGING_LIMIT_REACHED -> tell = true;
            default -> tell = watch.tell(alert);
        }
        if (tell) {
            notifier.tell(texts.alert(watch, alert, at, detail));
        }
    }

    /** A channel seen for the first time: what it was before this event is taken as told already. */
    private ChannelWatch firstSight(ChannelStatusChanged event) {
        ChannelWatch watch = new ChannelWatch();
        watch.channelId = event.channelId();
        watch.accountId = event.accountId();
        watch.name = event.name();
        watch.phone = event.phone();
        ChannelStatus before = event.previousStatus() != null && counts(event.previousStatus())
                ? event.previousStatus()
                : ChannelStatus.ACTIVE;
        watch.condition = before;
        watch.conditionSince = event.occurredAt();
        watch.announced = before;
        watch.announcedSince = event.occurredAt();
        watch.lastVersion = event.version() - 1;
        watches.persist(watch);
        return watch;
    }

    /** A reconnect (STARTING) is not told, and NOT_PAID is told once for the account, not per channel. */
    private static boolean counts(ChannelStatus status) {
        return status != ChannelStatus.STARTING && status != ChannelStatus.NOT_PAID;
    }
}
