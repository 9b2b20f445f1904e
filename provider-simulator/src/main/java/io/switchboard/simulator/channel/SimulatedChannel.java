package io.switchboard.simulator.channel;

import io.switchboard.simulator.http.ProviderException;
import io.switchboard.simulator.webhook.WebhookTarget;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated channel: a provider session and the phone linked to it. Mutated only under its own lock (by the
 * lifecycle and fault classes of this package), so a status change and the queueing of its webhook happen as one step.
 */
public final class SimulatedChannel {

    /** Whether the linked phone can be reached. RECONNECTING: back online, but the session is not AUTH again yet. */
    public enum PhoneState {
        ONLINE,
        OFFLINE,
        RECONNECTING
    }

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
    private long lastTimestamp;
    /** The last timestamp of each kind of event other than health, such as "phone.offline". */
    private final Map<String, Long> lastTimestampOfKind = new HashMap<>();
    /** Bumped by every scripted change, so that pending boot steps of an older sequence do nothing. */
    private long sequence;

    private boolean removed;

    private PhoneState phoneState = PhoneState.ONLINE;
    /** The number is open in WhatsApp Web elsewhere: nothing is sent until a take-over succeeds. */
    private boolean openedElsewhere;
    /** Take-overs that still fail before one succeeds; {@code null} while every one fails. */
    private Integer takeoverFailuresLeft;

    private int takeoverAttempts;
    /** Stuck in INIT: a session start that never goes on; the next {@code stuckRestartsLeft} restarts hang too. */
    private boolean stuck;

    private int stuckRestartsLeft;
    /** Identifies the current flap, so that cycles of a stopped or replaced one do nothing. */
    private long flapRun;

    private int flapsLeft;
    private QrCode qr;
    private int qrCount;
    private DeliveryMode delivery = DeliveryMode.NORMAL;

    SimulatedChannel(long ordinal, String id, String name, String phone, WebhookTarget webhook) {
        this.ordinal = ordinal;
        this.id = id;
        this.name = name;
        this.phone = phone;
        this.webhook = webhook;
    }

    public DeliveryMode delivery() {
        return delivery;
    }

    void delivery(DeliveryMode delivery) {
        this.delivery = delivery;
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

    /**
     * Whether the send API accepts a message now: the status allows it, the phone is reachable and the session is not
     * opened elsewhere. The health status alone is not enough, as the provider keeps reporting AUTH in both cases.
     */
    public synchronized boolean canSend() {
        return status.canSend() && phoneState == PhoneState.ONLINE && !openedElsewhere;
    }

    public synchronized PhoneState phoneState() {
        return phoneState;
    }

    public synchronized boolean openedElsewhere() {
        return openedElsewhere;
    }

    public synchronized Integer takeoverFailuresLeft() {
        return takeoverFailuresLeft;
    }

    public synchronized int takeoverAttempts() {
        return takeoverAttempts;
    }

    public synchronized boolean stuck() {
        return stuck;
    }

    public synchronized int flapsLeft() {
        return flapsLeft;
    }

    /** The current QR code, or {@code null} unless the channel is in QR. */
    public synchronized QrCode qr() {
        return qr;
    }

    /** The QR code a phone can scan now; 409 when there is none or it expired. */
    public synchronized QrCode scannableQr() {
        if (status != HealthStatus.QR || qr == null) {
            throw ProviderException.conflict("channel " + id + " is not waiting for a QR scan (status " + status + ")");
        }
        if (qr.expired()) {
            throw ProviderException.conflict(
                    "the QR code of channel " + id + " expired; restart the channel for a new one");
        }
        return qr;
    }

    /** The WhatsApp user id of the linked phone: its digits. */
    public String userId() {
        return phone.replaceAll("\\D", "");
    }

    /** Enters a health status, with what that implies for the rest of the state. */
    void enter(HealthStatus next) {
        status = next;
        if (next != HealthStatus.INIT) {
            stuck = false;
        }
        if (next == HealthStatus.AUTH && phoneState == PhoneState.RECONNECTING) {
            phoneState = PhoneState.ONLINE;
        }
        if (next != HealthStatus.QR) {
            qr = null;
        }
    }

    void linked(boolean linked) {
        this.linked = linked;
    }

    /** No phone is linked any more: whatever was scripted about that phone ends with it. */
    void unlink() {
        linked = false;
        phoneState = PhoneState.ONLINE;
        openedElsewhere = false;
        takeoverFailuresLeft = null;
        stopFlap();
    }

    void phoneState(PhoneState phoneState) {
        this.phoneState = phoneState;
    }

    void openedElsewhere(Integer failuresBeforeSuccess) {
        openedElsewhere = true;
        takeoverFailuresLeft = failuresBeforeSuccess;
        takeoverAttempts = 0;
    }

    /** Counts a take-over attempt and tells whether it succeeds, which ends the conflict. */
    boolean takeOver() {
        takeoverAttempts++;
        if (takeoverFailuresLeft == null) {
            return false;
        }
        if (takeoverFailuresLeft > 0) {
            takeoverFailuresLeft--;
            return false;
        }
        openedElsewhere = false;
        return true;
    }

    void stuck(int restartsLeft) {
        stuck = true;
        stuckRestartsLeft = restartsLeft;
    }

    /** Whether a restart now hangs in INIT again; counts it if so. */
    boolean restartStaysStuck() {
        if (stuck && stuckRestartsLeft > 0) {
            stuckRestartsLeft--;
            return true;
        }
        stuck = false;
        return false;
    }

    long startFlap(int times) {
        flapsLeft = times;
        return ++flapRun;
    }

    boolean flapping(long run) {
        return flapRun == run && flapsLeft > 0;
    }

    /** Counts one flap cycle and tells whether more follow. */
    boolean countFlap() {
        flapsLeft--;
        return flapsLeft > 0;
    }

    void stopFlap() {
        flapsLeft = 0;
        flapRun++;
    }

    /** A new QR code, different from every earlier one of this channel. */
    QrCode newQr(long expire) {
        qr = new QrCode("sim-qr:" + id + ":" + startAt + ":" + ++qrCount, expire, false);
        return qr;
    }

    QrCode expireQr(long nowEpochSecond) {
        qr = qr.expiredAt(nowEpochSecond);
        return qr;
    }

    long startAt() {
        return startAt;
    }

    boolean removed() {
        return removed;
    }

    void remove() {
        removed = true;
        stopFlap();
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

    /**
     * The {@code timestamp} of the channel's next webhook: now, but never earlier than the one before. Health webhooks
     * differ by their uptime anyway ({@code kind} null); an event of another kind moves on by a second if the last one
     * of its kind had the same timestamp, so that two phone "offline" events within one second are still two different
     * webhooks, while the timestamps otherwise stay on the clock.
     */
    long nextTimestamp(long nowEpochSecond, String kind) {
        lastTimestamp = Math.max(nowEpochSecond, lastTimestamp);
        if (kind != null) {
            Long previous = lastTimestampOfKind.get(kind);
            if (previous != null && previous >= lastTimestamp) {
                lastTimestamp = previous + 1;
            }
            lastTimestampOfKind.put(kind, lastTimestamp);
        }
        return lastTimestamp;
    }
}
