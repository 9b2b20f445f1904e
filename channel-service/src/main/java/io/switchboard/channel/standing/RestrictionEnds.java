package io.switchboard.channel.standing;

import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The end of Meta's restriction, at the time Meta gave: the number may send again, held messages go out. */
@ApplicationScoped
class RestrictionEnds implements TimerHandler {

    private final CloudStandings standings;

    RestrictionEnds(CloudStandings standings) {
        this.standings = standings;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.RESTRICTION_END);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (channel.restriction != null
                && (channel.restrictedUntil == null || !channel.restrictedUntil.isAfter(Instant.now()))) {
            standings.endRestriction(channel, StatusCause.WATCHDOG, "the restriction's time passed");
        }
        return Optional.empty();
    }
}
