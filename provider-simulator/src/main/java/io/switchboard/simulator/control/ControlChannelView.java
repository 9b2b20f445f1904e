package io.switchboard.simulator.control;

import io.switchboard.simulator.channel.SimulatedChannel;

/** A channel as the control API shows it: with where its webhooks go and whether a phone is linked. */
public record ControlChannelView(String id, String name, String phone, String status, String webhookUrl, boolean linked) {

    static ControlChannelView of(SimulatedChannel channel) {
        synchronized (channel) {
            return new ControlChannelView(channel.id(), channel.name(), channel.phone(), channel.status().name(),
                    channel.webhook() == null ? null : channel.webhook().url().toString(), channel.linked());
        }
    }
}
