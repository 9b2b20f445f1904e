package io.switchboard.simulator.channel;

import io.switchboard.simulator.webhook.WebhookTarget;

/**
 * One simulated channel: a provider session and the phone linked to it. Mutated only under its own lock (by
 * {@link ChannelLifecycle}), so a status change and the queueing of its webhook happen as one step.
 */
public final class SimulatedChannel {

    private final long ordinal;
    private final String id;
    private final String name;
    private final String phone;
    private final WebhookTarget webhook;

    private HealthStatus status = HealthStatus.INIT;
    /** Whether a phone scanned this channel's QR and is still linked: a restart then ends in AUTH, not QR. */
    private boolean linked;
    private long startAt;
    private long lastUptime;
    /** Bumped by every scripted change, so that pending boot steps of an older sequence do nothing. */
    private long sequence;
    private boolean removed;

    SimulatedChannel(long ordinal, String id, String name, String phone, WebhookTarget webhook) {
        this.ordinal = ordinal;
        this.id = id;
        this.name = name;
        this.phone = phone;
        this.webhook = webhook;
    }

    /** Creation order. */
    long ordinal() {
        return ordinal;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String phone() {
        return phone;
    }

    public WebhookTarget webhook() {
        return webhook;
    }

    public synchronized HealthStatus status() {
        return status;
    }

    public synchronized boolean linked() {
        return linked;
    }

    /** The WhatsApp user id of the linked phone: its digits. */
    public String userId() {
        return phone.replaceAll("\\D", "");
    }

    void status(HealthStatus status) {
        this.status = status;
    }

    void linked(boolean linked) {
        this.linked = linked;
    }

    long startAt() {
        return startAt;
    }

    boolean removed() {
        return removed;
    }

    void remove() {
        removed = true;
    }

    long sequence() {
        return sequence;
    }

    long nextSequence() {
        return ++sequence;
    }

    /**
     * Starts a new provider session. {@code start_at} moves forward even for two restarts within one second, so that
     * no two health webhooks of a channel are ever byte-identical (receivers may deduplicate by content).
     */
    void startSession(long nowEpochSecond) {
        startAt = Math.max(nowEpochSecond, startAt + 1);
        lastUptime = 0;
    }

    /** Seconds since the session start, strictly increasing from one health webhook to the next. */
    long nextUptime(long nowEpochSecond) {
        lastUptime = Math.max(nowEpochSecond - startAt, lastUptime + 1);
        return lastUptime;
    }
}
