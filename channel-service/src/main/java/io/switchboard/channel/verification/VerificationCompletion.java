package io.switchboard.channel.verification;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The steps after a right code: register the number (with its two-step PIN) and refresh the app's permissions, then
 * ACTIVE. A timer, so that a crash or a Cloud API that does not answer between the steps is retried, never forgotten;
 * both calls may be repeated safely.
 */
@ApplicationScoped
class VerificationCompletion implements TimerHandler {

    private final ChannelVerifications verifications;
    private final CloudVerificationClient cloud;
    private final ChannelChanges changes;

    public VerificationCompletion(
            ChannelVerifications verifications, CloudVerificationClient cloud, ChannelChanges changes) {
        this.verifications = verifications;
        this.cloud = cloud;
        this.changes = changes;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.VERIFICATION_REGISTER);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        ChannelVerification verification = verifications.findById(channel.id);
        if (channel.kind != ChannelKind.CLOUD_API
                || channel.connectionStatus != ChannelStatus.VERIFICATION_REQUIRED
                || verification == null
                || verification.codeVerifiedAt == null) {
            return Optional.empty();
        }
        String numberId = channel.cloudPhoneNumberId;
        String pin = channel.registrationPin;
        return Optional.of(new ProviderCall("register", () -> {
            ProviderCall.Answer registered = ProviderCall.answerOf("register", () -> cloud.register(numberId, pin));
            return registered.done()
                    ? ProviderCall.answerOf("subscribed_apps", () -> cloud.refreshPermissions(numberId))
                    : registered;
        }));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        ChannelVerification verification = verifications.of(channel.id);
        if (channel.connectionStatus != ChannelStatus.VERIFICATION_REQUIRED || verification.codeVerifiedAt == null) {
            return;
        }
        if (answer.done()) {
            verification.verified(Instant.now());
            changes.moveConnection(
                    channel,
                    ChannelStatus.ACTIVE,
                    StatusCause.USER_ACTION,
                    "number verified with a code by "
                            + verification.method.name().toLowerCase(Locale.ROOT)
                            + ", registered, permissions refreshed");
        } else {
            verification.registrationRefused(answer.detail());
            changes.announce(
                    channel,
                    StatusCause.USER_ACTION,
                    null,
                    "verification failed: the Cloud API refused (" + answer.detail() + "): request a new code");
        }
    }
}
