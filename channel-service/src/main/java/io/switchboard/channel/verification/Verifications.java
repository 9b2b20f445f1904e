package io.switchboard.channel.verification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.channel.registry.Channel;
import io.switchboard.channel.registry.ChannelCommands;
import io.switchboard.channel.registry.ChannelKind;
import io.switchboard.channel.registry.ChannelRepository;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;

/**
 * Reconnects a disconnected Cloud API number (seed 004): request a code by SMS or voice, submit it, and the number is
 * registered, its permissions refreshed, and the channel ACTIVE. Each step holds the channel's lock, so attempts on
 * one channel are counted one at a time; a wrong code is counted even though the request fails.
 */
@ApplicationScoped
public class Verifications {

    private final ChannelRepository channels;
    private final ChannelVerificationRepository verifications;
    private final CloudVerificationClient cloud;
    private final ChannelChanges changes;
    private final VerificationSettings settings;

    public Verifications(ChannelRepository channels, ChannelVerificationRepository verifications,
            CloudVerificationClient cloud, ChannelChanges changes, VerificationSettings settings) {
        this.channels = channels;
        this.verifications = verifications;
        this.cloud = cloud;
        this.changes = changes;
        this.settings = settings;
    }

    public VerificationView view(String accountId, String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = cloudChannel(channels.ofAccount(accountId, channelId));
            ChannelVerification verification = verifications.findByIdOptional(channel.id).orElseGet(() -> {
                ChannelVerification none = new ChannelVerification();
                none.channelId = channel.id;
                return none;
            });
            verification.lockedAt(Instant.now());
            return VerificationView.of(channel.effectiveStatus(), verification, settings);
        });
    }

    public VerificationView requestCode(String accountId, String channelId, VerificationMethod method) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = awaitingVerification(accountId, channelId);
            ChannelVerification verification = verifications.of(channel.id);
            Instant now = Instant.now();
            if (verification.lockedAt(now)) {
                throw locked(channel, verification, now);
            }
            cloud.requestCode(channel.cloudPhoneNumberId, method, settings.language());
            verification.codeRequested(method, now);
            return VerificationView.of(channel.effectiveStatus(), verification, settings);
        });
    }

    public VerificationView submitCode(String accountId, String channelId, SubmitCodeRequest request) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> attempt(accountId, channelId, request));
        if (attempt.refusal() != null) {
            throw attempt.refusal(); // after the commit: the wrong code stays counted
        }
        return attempt.view();
    }

    private Attempt attempt(String accountId, String channelId, SubmitCodeRequest request) {
        Channel channel = awaitingVerification(accountId, channelId);
        ChannelVerification verification = verifications.of(channel.id);
        Instant now = Instant.now();
        if (verification.lockedAt(now)) {
            throw locked(channel, verification, now);
        }
        if (verification.requestedAt == null) {
            throw new ProblemException(Problem.of(409, "code-not-requested", "No code was requested",
                    "Request a code first: POST /v1/channels/" + channel.id + "/verification {\"method\":\"sms\"}")
                    .with("channelId", channel.id));
        }
        if (!cloud.verifyCode(channel.cloudPhoneNumberId, request.code())) {
            if (verification.wrongCode(now, settings)) {
                changes.announce(channel, StatusCause.USER_ACTION, "verification locked until " + verification.lockedUntil
                        + " after " + settings.maxWrongCodes() + " wrong codes");
                return Attempt.refused(locked(channel, verification, now));
            }
            int left = settings.maxWrongCodes() - verification.wrongCodes;
            return Attempt.refused(new ProblemException(Problem.of(422, "wrong-code", "Wrong verification code",
                    "The code is not the one sent to " + channel.phone + "; " + left + " attempt(s) left before "
                            + "verification is locked for " + settings.lockFor().toMinutes() + " minutes")
                    .with("channelId", channel.id).with("wrongCodes", verification.wrongCodes)
                    .with("attemptsLeft", left)));
        }
        if (request.pin() != null) {
            channel.registrationPin = request.pin(); // the number's own PIN, set outside Switchboard
        }
        cloud.register(channel.cloudPhoneNumberId, channel.registrationPin);
        cloud.refreshPermissions(channel.cloudPhoneNumberId);
        verification.verified(now);
        changes.moveConnection(channel, ChannelStatus.ACTIVE, StatusCause.USER_ACTION, "number verified with a code by "
                + verification.method.name().toLowerCase(Locale.ROOT) + ", registered, permissions refreshed");
        return new Attempt(VerificationView.of(channel.effectiveStatus(), verification, settings), null);
    }

    private Channel awaitingVerification(String accountId, String channelId) {
        Channel channel = cloudChannel(channels.lockedOfAccount(accountId, channelId));
        if (channel.deleted) {
            throw ChannelCommands.deleted(channel.id);
        }
        if (channel.connectionStatus != ChannelStatus.VERIFICATION_REQUIRED) {
            throw new ProblemException(Problem.of(409, "nothing-to-verify", "Nothing to verify",
                    "Channel " + channel.id + " is connected (" + channel.connectionStatus
                            + "); a number is verified when the Cloud API reports it disconnected")
                    .with("channelId", channel.id).with("connectionStatus", channel.connectionStatus));
        }
        return channel;
    }

    private static Channel cloudChannel(Channel channel) {
        if (channel.kind != ChannelKind.CLOUD_API) {
            throw new ProblemException(Problem.of(409, "not-a-cloud-api-channel", "Not a Cloud API channel",
                    "Channel " + channel.id + " is a WhatsApp Web channel: it connects by scanning a QR code, not by "
                            + "verifying the number").with("channelId", channel.id).with("kind", channel.kind));
        }
        return channel;
    }

    private ProblemException locked(Channel channel, ChannelVerification verification, Instant now) {
        return new ProblemException(Problem.of(429, "verification-locked", "Verification is locked",
                "Too many wrong codes for " + channel.phone + "; verification is locked until " + verification.lockedUntil)
                .with("channelId", channel.id).with("lockedUntil", verification.lockedUntil.toString())
                .retryAfter(verification.secondsLockedAfter(now)));
    }

    private record Attempt(VerificationView view, ProblemException refusal) {
        static Attempt refused(ProblemException refusal) {
            return new Attempt(null, refusal);
        }
    }
}
