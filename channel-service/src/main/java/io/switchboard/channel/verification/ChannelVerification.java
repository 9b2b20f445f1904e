package io.switchboard.channel.verification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** The verification of one Cloud API channel: the code last requested, wrong codes since, the lock after too many. */
@Entity
@Table(name = "channel_verification")
public class ChannelVerification {

    @Id
    @Column(name = "channel_id")
    public String channelId;
    @Enumerated(EnumType.STRING)
    public VerificationMethod method;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "code_requests")
    public int codeRequests;
    @Column(name = "wrong_codes")
    public int wrongCodes;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** True while locked; a lock that has run out is lifted and the wrong codes forgotten. */
    boolean lockedAt(Instant now) {
        if (lockedUntil != null && !now.isBefore(lockedUntil)) {
            lockedUntil = null;
            wrongCodes = 0;
        }
        return lockedUntil != null;
    }

    long secondsLockedAfter(Instant now) {
        return Math.max(1, Duration.between(now, lockedUntil).toSeconds());
    }

    void codeRequested(VerificationMethod requested, Instant now) {
        method = requested;
        requestedAt = now;
        codeRequests++;
    }

    /** Counts a wrong code; true if that was one too many and verification is now locked. */
    boolean wrongCode(Instant now, VerificationSettings settings) {
        wrongCodes++;
        if (wrongCodes >= settings.maxWrongCodes()) {
            lockedUntil = now.plus(settings.lockFor());
            return true;
        }
        return false;
    }

    void verified(Instant now) {
        verifiedAt = now;
        wrongCodes = 0;
        lockedUntil = null;
        requestedAt = null; // a later disconnection needs a new code
    }
}
