package io.switchboard.notification.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One notification on its way to one curator, by webhook or email. Its id is the {@code webhook-id} of a webhook and
 * the {@code Message-ID} of an email, the same on every attempt.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    public enum State {
        PENDING,
        DELIVERED,
        DEAD
    }

    /** How it reaches the curator. */
    public enum Medium {
        WEBHOOK,
        EMAIL
    }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "curator_id", nullable = false)
    public UUID curatorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Medium medium;

    @Column(nullable = false)
    public String kind;
    /** A webhook's JSON body, signed and sent as it is on every attempt; an email's subject and text (JSON). */
    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    /** While an attempt is in flight: no other replica takes the delivery before this. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
