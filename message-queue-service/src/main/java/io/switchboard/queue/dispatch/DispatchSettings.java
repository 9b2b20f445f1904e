package io.switchboard.queue.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How queued messages are handed to the provider. */
@ConfigMapping(prefix = "switchboard.dispatch")
public interface DispatchSettings {

    /**
     * How often the dispatcher looks for work when nothing woke it (another replica's accept, a lease that ran out).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Channels sent in parallel by one replica: each has at most one run in flight, its messages strictly in order. */
    @WithDefault("64")
    int lanes();

    /** Most messages one run of a channel takes at once (with no gap between sends). */
    @WithDefault("50")
    int batchSize();

    /** A paced channel's run takes the messages it will start within this time. */
    @WithDefault("1s")
    Duration claimHorizon();

    /** Held messages of a sending channel released (FROZEN to QUEUED) ahead of the sends, per transaction. */
    @WithDefault("100")
    int releaseWindow();

    /**
     * How long a replica's run holds a channel: a replica that dies (or stalls) loses it after this, and another sends
     * its messages again with the same idempotency keys.
     */
    @WithDefault("30s")
    Duration lease();

    /**
     * How often a run in flight asks the database whether the channel can still send and the lane is still its own
     * (and moves its lease on): a stop made through another replica ends the run within this and one call.
     */
    @WithDefault("1s")
    Duration holdInterval();

    /** Attempts on a provider error (5xx, a time-out, no connection) before the message ends FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** Back-off after a provider error or a 429 without Retry-After, doubling per attempt up to the maximum. */
    @WithDefault("1s")
    Duration retryInitialBackoff();

    @WithDefault("5m")
    Duration retryMaxBackoff();

    /** Back-off after a 401 "need channel authorization", doubling per consecutive 401 up to the maximum. */
    @WithDefault("1s")
    Duration unauthorizedInitialBackoff();

    @WithDefault("30s")
    Duration unauthorizedMaxBackoff();

    /**
     * Consecutive 401s on a channel that looks ACTIVE after which it is announced (the channel-service should look).
     */
    @WithDefault("5")
    int unauthorizedAlertAfter();

    /**
     * The provider's contact check before the first message to a chat (docs/product/system-messages.md: "Chat is
     * initialized").
     */
    @WithDefault("true")
    boolean contactCheck();

    /**
     * Meta's pair rate: a Cloud API channel sends to one chat at most once per this gap (Meta refuses faster sends to
     * one recipient with 131056); its other chats go on meanwhile. Zero turns it off.
     */
    @WithDefault("6s")
    Duration cloudApiPairGap();

    /** A number found without WhatsApp is checked again after this; one with WhatsApp is not checked again. */
    @WithDefault("24h")
    Duration noWhatsAppRecheckAfter();
}
