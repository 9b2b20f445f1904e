package io.switchboard.simulator.channel;

import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.http.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * An unstable session (docs/product/provider-webhooks.md): reconnect cycles INIT, LAUNCH, AUTH at a fixed period, in
 * the background. Sends get 401 during each cycle until its AUTH.
 */
@ApplicationScoped
public class Flapping {

    private static final Logger LOG = Logger.getLogger(Flapping.class);

    private final ChannelRegistry registry;
    private final ChannelLifecycle lifecycle;
    private final ChannelSteps steps;
    private final SimulatorSettings settings;

    public Flapping(
            ChannelRegistry registry, ChannelLifecycle lifecycle, ChannelSteps steps, SimulatorSettings settings) {
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.steps = steps;
        this.settings = settings;
    }

    /** Starts {@code times} cycles, the first now, one every {@code periodMillis}; replaces a flap in progress. */
    public SimulatedChannel start(String id, long periodMillis, int times) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            if (!channel.linked()) {
                throw ProviderException.conflict("channel " + id + " has no linked phone to reconnect");
            }
            long run = channel.startFlap(times);
            LOG.infof("Channel %s flapping: %d cycles, one every %d ms", id, times, periodMillis);
            cycle(channel, run, System.nanoTime(), periodMillis, 0);
        }
        return channel;
    }

    /** Stops further cycles; one in progress still ends in AUTH, so the channel is not left half-way. */
    public SimulatedChannel stop(String id) {
        SimulatedChannel channel = registry.get(id);
        synchronized (channel) {
            channel.stopFlap();
        }
        LOG.infof("Channel %s flapping stopped", id);
        return channel;
    }

    private void cycle(SimulatedChannel channel, long run, long startNanos, long periodMillis, int index) {
        synchronized (channel) {
            if (channel.removed() || !channel.flapping(run)) {
                return;
            }
            lifecycle.boot(channel, settings.flapStepDelay());
            if (!channel.countFlap()) {
                return;
            }
        }
        // Timed from the start, not from the previous cycle, so that a late cycle does not delay all after it.
        long nextNanos = startNanos + (index + 1) * periodMillis * 1_000_000L;
        steps.later(
                (nextNanos - System.nanoTime()) / 1_000_000L,
                () -> cycle(channel, run, startNanos, periodMillis, index + 1));
    }
}
