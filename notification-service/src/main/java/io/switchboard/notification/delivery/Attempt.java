package io.switchboard.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One attempt of a delivery, as read under its lease.
 *
 * @param lease the lease as the database keeps it: the answer is written only while it still holds
 * @param number the attempt's number, from 1
 * @param address the curator's email address or webhook URL; null when the curator has none any more
 * @param secrets the webhook's signing secrets (the previous one too, during a rotation's grace)
 */
record Attempt(
        UUID id,
        Instant lease,
        int number,
        Delivery.Medium medium,
        String address,
        List<String> secrets,
        String payload) {}
