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
    /** The code was right; the number is being registered at the Cloud API (a timer retries until it is). */
    @Column(name = "code_verified_at")
    public Instant codeVerifiedAt;
    /** Why the last registration failed, until a new code is verified. */
    @Column(name = "last_error")
    public String lastError;

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

    /**
     * Counts a code before it is checked, so that codes sent at the same moment cannot outnumber the limit; a code
     * that turns out right, or could not be checked, is taken back. False when the codes being checked already fill
     * the limit.
     */
    boolean reserveAttempt(VerificationSettings settings) {
        if (wrongCodes >= settings.maxWrongCodes()) {
            return false;
        }
        wrongCodes++;
        return true;
    }

    void takeBackAttempt() {
        wrongCodes = Math.max(0, wrongCodes - 1);
    }

    /** The code checked was wrong (already counted); true if that was one too many and verification is now locked. */
    boolean wrongCode(Instant now, VerificationSettings settings) {
        if (wrongCodes >= settings.maxWrongCodes() && lockedUntil == null) {
            lockedUntil = now.plus(settings.lockFor());
            return true;
        }
        return false;
    }

    /** The code was right: the number is registered next. */
    void codeVerified(Instant now) {
        takeBackAttempt();
        codeVerifiedAt = now;
        lastError = null;
    }

    void verified(Instant now) {
        verifiedAt = now;
        wrongCodes = 0;
        lockedUntil = null;
        codeVerifiedAt = null;
        requestedAt = null; // a later disconnection needs a new code
    }

    /** The Cloud API refused to register the number: a new code is needed. */
    void registrationRefused(String why) {
        codeVerifiedAt = null;
        requestedAt = null;
        lastError = io.switchboard.platform.text.Texts.fit(why, 500); // the Cloud API's words: cut to the column
    }
}
