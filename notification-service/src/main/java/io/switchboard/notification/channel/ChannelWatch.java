package io.switchboard.notification.channel;

import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a channel's curators have been told, and what waits to be told. The <em>condition</em> is the status that
 * counts for people: a reconnect (STARTING) and NOT_PAID (told once per account) leave it as it was. A change of the
 * condition is told once it has held for the debounce window, so a flap back within the window tells nothing.
 */
@Entity
@Table(name = "channel_watch")
public class ChannelWatch {

    @Id
    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String phone;

    @Column(name = "last_version", nullable = false)
    public long lastVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChannelStatus condition;

    @Column(name = "condition_since", nullable = false)
    public Instant conditionSince;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChannelStatus announced;

    @Column(name = "announced_since", nullable = false)
    public Instant announcedSince;

    @Column(name = "due_at")
    public Instant dueAt;
    /** Alerts told since the channel was last told Active, comma-separated. */
    @Column(nullable = false)
    public String alerts = "";

    public boolean unstable;

    Set<ChannelAlert> alerts() {
        Set<ChannelAlert> set = EnumSet.noneOf(ChannelAlert.class);
        Arrays.stream(alerts.split(","))
                .filter(name -> !name.isEmpty())
                .map(ChannelAlert::valueOf)
                .forEach(set::add);
        return set;
    }

    /** Records the alert as told; false when it was told already. */
    boolean tell(ChannelAlert alert) {
        Set<ChannelAlert> told = alerts();
        if (!told.add(alert)) {
            return false;
        }
        alerts = told.stream().map(Enum::name).collect(Collectors.joining(","));
        return true;
    }

    /** Forgets that the alert was told; false when it was not. */
    boolean forget(ChannelAlert alert) {
        Set<ChannelAlert> told = alerts();
        if (!told.remove(alert)) {
            return false;
        }
        alerts = told.stream().map(Enum::name).collect(Collectors.joining(","));
        return true;
    }

    /**
     * Whether curators wait to hear that the channel works again: a problem or an alert was told. A stalled delivery
     * is not undone by "Active again" (a stalled channel is ACTIVE): DELIVERY_RESUMED ends it.
     */
    boolean owesRecovery() {
        return announced != ChannelStatus.ACTIVE
                || alerts().stream().anyMatch(alert -> alert != ChannelAlert.DELIVERY_STALLED);
    }

    /** "Active again" was told: every alert may be told again, but a stall still waits for its resumption. */
    void toldActiveAgain() {
        alerts = alerts().contains(ChannelAlert.DELIVERY_STALLED) ? ChannelAlert.DELIVERY_STALLED.name() : "";
    }
}
