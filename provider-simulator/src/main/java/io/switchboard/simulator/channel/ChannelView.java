package io.switchboard.simulator.channel;

/** A channel as the provider API shows it. */
public record ChannelView(String id, String phone, String name, String status) {

    public static ChannelView of(SimulatedChannel channel) {
        return new ChannelView(
                channel.id(), channel.phone(), channel.name(), channel.status().name());
    }
}
