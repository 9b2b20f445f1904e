package io.switchboard.billing.channel;

import io.switchboard.billing.account.Account;
import io.switchboard.billing.account.AccountEvents;
import io.switchboard.billing.account.Accounts;
import io.switchboard.contracts.channel.ChannelStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What billing knows of each channel, from {@code channel.status.v1} and {@code channel.state.v1} alike (they carry the
 * same version): whose it is, whether it counts for the runway, and the spans of time it was charged. An older version
 * never overwrites a newer one.
 */
@ApplicationScoped
class ChannelBook {

    /** A channel as an event tells it. */
    public record ChannelFact(
            String channelId, String accountId, String name, ChannelStatus status, long version, Instant at) {}

    private final Accounts accounts;
    private final BilledChannels channels;
    private final ChargedPeriods periods;
    private final AccountEvents events;

    public ChannelBook(Accounts accounts, BilledChannels channels, ChargedPeriods periods, AccountEvents events) {
        this.accounts = accounts;
        this.channels = channels;
        this.periods = periods;
        this.events = events;
    }

    /**
     * Applies a batch in order: the accounts first, then the channels, each set locked in one statement (the one lock
     * order); an account whose count of enabled channels moved is reassessed (its runway, maybe its state).
     */
    public void apply(List<ChannelFact> facts) {
        Map<String, Account> lockedAccounts = accounts
                .lockedByIds(facts.stream().map(ChannelFact::accountId).collect(Collectors.toCollection(TreeSet::new)))
                .stream()
                .collect(Collectors.toMap(account -> account.accountId, Function.identity()));
        Map<String, BilledChannel> locked =
                channels.lockedByIds(facts.stream().map(ChannelFact::channelId).collect(Collectors.toSet()));
        List<BilledChannel> created = new ArrayList<>();
        Set<String> recount = new TreeSet<>();
        for (ChannelFact fact : facts) {
            BilledChannel channel = locked.get(fact.channelId());
            if (channel != null && fact.version() <= channel.version) {
                continue;
            }
            if (channel == null) {
                channel = new BilledChannel();
                channel.channelId = fact.channelId();
                locked.put(channel.channelId, channel);
                created.add(channel);
            }
            boolean wasBillable = channel.billable;
            boolean wasCharged = channel.charged;
            channel.accountId = fact.accountId();
            channel.name = fact.name();
            channel.status = fact.status();
            channel.billable = BilledChannel.billable(fact.status());
            channel.charged = BilledChannel.charged(fact.status());
            channel.version = fact.version();
            channel.updatedAt = fact.at();
            if (channel.charged != wasCharged) {
                if (channel.charged) {
                    periods.open(channel, fact.at());
                } else {
                    periods.close(channel, fact.at());
                }
            }
            if (channel.billable != wasBillable) {
                recount.add(channel.accountId);
            }
        }
        created.forEach(channels::persist); // once complete: an entity is inserted as it was when persisted
        for (String accountId : recount) {
            Account account = lockedAccounts.get(accountId);
            if (account != null) {
                events.reassess(account);
            }
        }
    }
}
