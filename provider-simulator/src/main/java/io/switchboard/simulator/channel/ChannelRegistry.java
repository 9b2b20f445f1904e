package io.switchboard.simulator.channel;

import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.webhook.WebhookTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The simulated channels, in memory. */
@ApplicationScoped
public class ChannelRegistry {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final ConcurrentMap<String, SimulatedChannel> channels = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();

    /** Registers a channel under a new id: "SIM-" and six upper-case letters or digits. */
    SimulatedChannel create(String name, String phone, WebhookTarget webhook) {
        while (true) {
            SimulatedChannel channel = new SimulatedChannel(created.incrementAndGet(), newId(), name, phone, webhook);
            if (channels.putIfAbsent(channel.id(), channel) == null) {
                return channel;
            }
        }
    }

    public Optional<SimulatedChannel> find(String id) {
        return Optional.ofNullable(id).map(channels::get);
    }

    public SimulatedChannel get(String id) {
        return find(id).orElseThrow(() -> ProviderException.notFound("channel not found: " + id));
    }

    public List<SimulatedChannel> all() {
        return channels.values().stream()
                .sorted(Comparator.comparingLong(SimulatedChannel::ordinal))
                .toList();
    }

    /** Forgets every channel; their pending boot steps see them removed and stop. */
    void clear() {
        channels.values().forEach(channel -> {
            synchronized (channel) {
                channel.remove();
            }
        });
        channels.clear();
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("SIM-");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
