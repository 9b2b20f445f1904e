package io.switchboard.simulator.channel;

import io.switchboard.simulator.http.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The number opened in WhatsApp Web elsewhere ("Opened somewhere else", docs/product/channel-statuses.md): nothing is
 * sent until a take-over ("Enable here") succeeds. How many take-overs fail first is scripted.
 */
@ApplicationScoped
public class WebConflict {

    private static final Logger LOG = Logger.getLogger(WebConflict.class);
    /** The provider's words for a failed take-over. */
    static final String OPENED_ELSEWHERE = "opened elsewhere";

    private final ChannelRegistry registry;
    private final ChannelEvents events;

    public WebConflict(ChannelRegistry registry, ChannelEvents events) {
        this.registry = registry;
        this.events = events;
    }

    /**
     * Posts {@code channel}/{@code conflict}. {@code takeoverSucceedsAfter} take-overs fail before one succeeds;
     * {@code null}: every one fails.
     */
    public SimulatedChannel conflict(String id, Integer takeoverSucceedsAfter) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (!channel.linked()) {
                throw ProviderException.conflict("channel " + id + " has no linked phone");
            }
            channel.openedElsewhere(takeoverSucceedsAfter);
            events.event(channel, "channel", "conflict");
        }
        LOG.infof(
                "Channel %s opened elsewhere; take-over succeeds after %s failures",
                id, takeoverSucceedsAfter == null ? "endless" : takeoverSucceedsAfter);
        return channel;
    }

    /** A take-over: 409 while attempts still fail; on success AUTH. Without a conflict nothing happens. */
    public SimulatedChannel takeOver(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (!channel.openedElsewhere()) {
                return channel;
            }
            if (!channel.takeOver()) {
                LOG.infof("Channel %s take-over %d failed", id, channel.takeoverAttempts());
                throw ProviderException.conflict(OPENED_ELSEWHERE);
            }
            channel.nextSequence();
            events.health(channel, HealthStatus.AUTH);
        }
        LOG.infof("Channel %s taken over", id);
        return channel;
    }
}
