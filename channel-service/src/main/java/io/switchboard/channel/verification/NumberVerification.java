package io.switchboard.channel.verification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.channel.registry.ChannelCommands;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.channel.timer.TimerRunner;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Reconnects a disconnected Cloud API number (docs/product/cloud-api-verification.md): request a code by SMS or voice,
 * submit it, and the number is registered, its permissions refreshed, and the channel ACTIVE.
 *
 * <p>No Cloud API call is made with the channel locked: each step checks and records with the lock, commits, calls,
 * then records the answer in a new transaction. A code is counted before it is checked (so that codes sent at once
 * cannot outnumber the limit) and taken back if it was right or could not be checked. Once the code is right, the
 * registration is a durable timer ({@link VerificationCompletion}): tried at once, retried after a crash or while the
 * Cloud API does not answer, so a number registered at Meta never stays VERIFICATION_REQUIRED here.
 */
@ApplicationScoped
class NumberVerification {

    private final Channels channels;
    private final ChannelVerifications verifications;
    private final CloudVerificationClient cloud;
    private final ChannelChanges changes;
    private final ChannelTimers timers;
    private final TimerRunner timerRunner;
    private final VerificationSettings settings;

    public NumberVerification(
            Channels channels,
            ChannelVerifications verifications,
            CloudVerificationClient cloud,
            ChannelChanges changes,
            ChannelTimers timers,
            TimerRunner timerRunner,
            VerificationSettings settings) {
        this.channels = channels;
        this.verifications = verifications;
        this.cloud = cloud;
        this.changes = changes;
        this.timers = timers;
        this.timerRunner = timerRunner;
        this.settings = settings;
    }

    public VerificationView view(String accountId, String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = cloudChannel(channels.ofAccount(accountId, channelId));
            ChannelVerification verification = verifications
                    .findByIdOptional(channel.id)
                    .orElseGet(() -> {
                        ChannelVerification none = new ChannelVerification();
                        none.channelId = channel.id;
                        return none;
                    });
            verification.lockedAt(Instant.now());
            return VerificationView.of(channel.effectiveStatus(), verification, settings);
        });
    }

    public VerificationView requestCode(String accountId, String channelId, VerificationMethod method) {
        String numberId = QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = awaitingVerification(accountId, channelId);
            ChannelVerification verification = verifications.of(channel.id);
            Instant now = Instant.now();
            if (verification.lockedAt(now)) {
                throw locked(channel, verification, now);
            }
            return channel.cloudPhoneNumberId;
        });
        cloud.requestCode(numberId, method, settings.language()); // a refusal or no answer: nothing recorded
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = awaitingVerification(accountId, channelId);
            ChannelVerification verification = verifications.of(channel.id);
            verification.codeRequested(method, Instant.now());
            return VerificationView.of(channel.effectiveStatus(), verification, settings);
        });
    }

    /** 200 with the channel ACTIVE, or 202 while the Cloud API has not answered the registration yet. */
    public Submitted submitCode(String accountId, String channelId, SubmitCodeRequest request) {
        String numberId = QuarkusTransaction.requiringNew().call(() -> reserve(accountId, channelId));
        boolean right;
        try {
            right = cloud.verifyCode(numberId, request.code());
        } catch (ProblemException e) {
            QuarkusTransaction.requiringNew()
                    .run(() -> channels.lockedById(channelId)
                            .ifPresent(channel -> verifications.of(channel.id).takeBackAttempt()));
            throw e; // the Cloud API failed or did not answer: nothing counted
        }
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> checked(accountId, channelId, request, right));
        if (attempt.refusal() != null) {
            throw attempt.refusal(); // after the commit: the wrong code stays counted
        }
        timerRunner.fireNow(channelId, TimerKind.VERIFICATION_REGISTER);
        VerificationView view = view(accountId, channelId);
        if (view.codeVerifiedAt() == null && view.lastError() != null) {
            throw new ProblemException(Problem.of(
                            502,
                            "cloud-api-refused",
                            "The Cloud API refused the registration",
                            "The code was right but the Cloud API refused to register the number (" + view.lastError()
                                    + "); request a new code")
                    .with("channelId", channelId));
        }
        return new Submitted(view, view.codeVerifiedAt() != null);
    }

    /** The view and whether the registration is still being made (202). */
    public record Submitted(VerificationView view, boolean pending) {}

    /** With the channel locked: may a code be checked now? It is counted as wrong until it proves right. */
    private String reserve(String accountId, String channelId) {
        Channel channel = awaitingVerification(accountId, channelId);
        ChannelVerification verification = verifications.of(channel.id);
        Instant now = Instant.now();
        if (verification.lockedAt(now)) {
            throw locked(channel, verification, now);
        }
        if (verification.codeVerifiedAt != null) {
            throw new ProblemException(Problem.of(
                            409,
                            "code-already-verified",
                            "The code was verified",
                            "The number of channel " + channel.id + " is being registered at the Cloud API")
                    .with("channelId", channel.id));
        }
        if (verification.requestedAt == null) {
            throw new ProblemException(Problem.of(
                            409,
                            "code-not-requested",
                            "No code was requested",
                            "Request a code first: POST /v1/channels/" + channel.id
                                    + "/verification {\"method\":\"sms\"}")
                    .with("channelId", channel.id));
        }
        if (!verification.reserveAttempt(settings)) {
            throw new ProblemException(Problem.of(
                            429,
                            "verification-busy",
                            "Codes are being checked",
                            "As many codes as allowed are being checked for " + channel.phone
                                    + " right now; try again shortly")
                    .with("channelId", channel.id)
                    .retryAfter(5));
        }
        return channel.cloudPhoneNumberId;
    }

    /** With the channel locked again: a wrong code stays counted (and may lock); a right one starts registration. */
    private Attempt checked(String accountId, String channelId, SubmitCodeRequest request, boolean right) {
        Channel channel = channels.lockedOfAccount(accountId, channelId);
        ChannelVerification verification = verifications.of(channel.id);
        Instant now = Instant.now();
        if (!right) {
            if (verification.wrongCode(now, settings)) {
                changes.announce(
                        channel,
                        StatusCause.USER_ACTION,
                        null,
                        "verification locked until " + verification.lockedUntil + " after " + settings.maxWrongCodes()
                                + " wrong codes");
                return Attempt.refused(locked(channel, verification, now));
            }
            int left = settings.maxWrongCodes() - verification.wrongCodes;
            return Attempt.refused(new ProblemException(Problem.of(
                            422,
                            "wrong-code",
                            "Wrong verification code",
                            "The code is not the one sent to " + channel.phone + "; " + left
                                    + " attempt(s) left before " + "verification is locked for "
                                    + settings.lockFor().toMinutes() + " minutes")
                    .with("channelId", channel.id)
                    .with("wrongCodes", verification.wrongCodes)
                    .with("attemptsLeft", left)));
        }
        if (channel.deleted || channel.connectionStatus != ChannelStatus.VERIFICATION_REQUIRED) {
            verification.takeBackAttempt();
            return Attempt.refused(new ProblemException(Problem.of(
                            409,
                            "nothing-to-verify",
                            "Nothing to verify",
                            "Channel " + channel.id + " changed while the code was checked ("
                                    + channel.effectiveStatus() + ")")
                    .with("channelId", channel.id)));
        }
        verification.codeVerified(now);
        if (request.pin() != null) {
            channel.registrationPin = request.pin(); // the number's own PIN, set outside Switchboard
        }
        timers.schedule(channel.id, TimerKind.VERIFICATION_REGISTER, now, 1);
        return new Attempt(null);
    }

    private Channel awaitingVerification(String accountId, String channelId) {
        Channel channel = cloudChannel(channels.lockedOfAccount(accountId, channelId));
        if (channel.deleted) {
            throw ChannelCommands.deleted(channel.id);
        }
        if (channel.connectionStatus != ChannelStatus.VERIFICATION_REQUIRED) {
            throw new ProblemException(Problem.of(
                            409,
                            "nothing-to-verify",
                            "Nothing to verify",
                            "Channel " + channel.id + " is connected (" + channel.connectionStatus
                                    + "); a number is verified when the Cloud API reports it disconnected")
                    .with("channelId", channel.id)
                    .with("connectionStatus", channel.connectionStatus));
        }
        return channel;
    }

    private static Channel cloudChannel(Channel channel) {
        if (channel.kind != ChannelKind.CLOUD_API) {
            throw new ProblemException(Problem.of(
                            409,
                            "not-a-cloud-api-channel",
                            "Not a Cloud API channel",
                            "Channel " + channel.id
                                    + " is a WhatsApp Web channel: it connects by scanning a QR code, not by "
                                    + "verifying the number")
                    .with("channelId", channel.id)
                    .with("kind", channel.kind));
        }
        return channel;
    }

    private ProblemException locked(Channel channel, ChannelVerification verification, Instant now) {
        return new ProblemException(Problem.of(
                        429,
                        "verification-locked",
                        "Verification is locked",
                        "Too many wrong codes for " + channel.phone + "; verification is locked until "
                                + verification.lockedUntil)
                .with("channelId", channel.id)
                .with("lockedUntil", verification.lockedUntil.toString())
                .retryAfter(verification.secondsLockedAfter(now)));
    }

    private record Attempt(ProblemException refusal) {
        static Attempt refused(ProblemException refusal) {
            return new Attempt(refusal);
        }
    }
}
