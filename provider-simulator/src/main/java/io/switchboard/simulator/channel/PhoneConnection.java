package io.switchboard.simulator.channel;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.channel.SimulatedChannel.PhoneState;
import io.switchboard.simulator.http.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The linked phone losing and regaining its connection (battery dead, no internet). The provider keeps reporting AUTH
 * meanwhile but cannot send; when the phone is back it takes a while to reconnect, then reports AUTH again.
 */
@ApplicationScoped
public class PhoneConnection {

    private static final Logger LOG = Logger.getLogger(PhoneConnection.class);

    private final ChannelRegistry registry;
    private final ChannelEvents events;
    private final ChannelSteps steps;
    private final SimulatorSettings settings;

    public PhoneConnection(
            ChannelRegistry registry, ChannelEvents events, ChannelSteps steps, SimulatorSettings settings) {
        this.registry = registry;
        this.events = events;
        this.steps = steps;
        this.settings = settings;
    }

    /** Posts {@code phone}/{@code offline}; sends are refused until the phone is back and the channel AUTH again. */
    public SimulatedChannel offline(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (!channel.linked()) {
                throw ProviderException.conflict("channel " + id + " has no linked phone");
            }
            channel.phoneState(PhoneState.OFFLINE);
            events.event(channel, "phone", "offline");
        }
        LOG.infof("Channel %s: phone offline", id);
        return channel;
    }

    /** Posts {@code phone}/{@code online}, then AUTH after the reconnect delay. */
    public SimulatedChannel online(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (channel.phoneState() != PhoneState.OFFLINE) {
                throw ProviderException.conflict("the phone of channel " + id + " is not offline");
            }
            long sequence = channel.nextSequence();
            channel.phoneState(PhoneState.RECONNECTING);
            events.event(channel, "phone", "online");
            steps.after(
                    channel, sequence, settings.phoneReconnectDelay(), () -> events.health(channel, HealthStatus.AUTH));
        }
        LOG.infof("Channel %s: phone online, reconnecting", id);
        return channel;
    }
}
