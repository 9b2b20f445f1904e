package io.switchboard.simulator.channel;

import java.util.Map;

/** {@code POST /partner/v1/channels}: a channel and where its webhooks go. */
public record CreateChannelRequest(String name, String phone, Webhook webhook) {

    public record Webhook(String url, Map<String, String> headers) {}
}
