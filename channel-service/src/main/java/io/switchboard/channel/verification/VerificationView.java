package io.switchboard.channel.verification;

import io.switchboard.contracts.channel.ChannelStatus;
import java.time.Instant;

/**
 * Where a Cloud API channel's verification stands. {@code codeVerifiedAt} is set while a verified number is being
 * registered at the Cloud API; {@code lastError} says why the last registration was refused.
 */
record VerificationView(
        String channelId,
        ChannelStatus status,
        VerificationMethod method,
        Instant codeRequestedAt,
        int codeRequests,
        int wrongCodes,
        int attemptsLeft,
        Instant lockedUntil,
        Instant verifiedAt,
        Instant codeVerifiedAt,
        String lastError) {

    static VerificationView of(ChannelStatus status, ChannelVerification verification, VerificationSettings settings) {
        return new VerificationView(
                verification.channelId,
                status,
                verification.method,
                verification.requestedAt,
                verification.codeRequests,
                verification.wrongCodes,
                Math.max(0, settings.maxWrongCodes() - verification.wrongCodes),
                verification.lockedUntil,
                verification.verifiedAt,
                verification.codeVerifiedAt,
                verification.lastError);
    }
}
