package io.switchboard.notification.delivery;

import io.switchboard.notification.curator.NotificationKind;
import java.util.Map;

/**
 * One thing to tell the curators of an account: the same words by email and by webhook.
 *
 * @param channelId the channel it is about; null for the account itself (its balance)
 * @param type the webhook's {@code type}, e.g. {@code channel.status-changed}
 * @param subject a one-line summary (the email's subject)
 * @param text what happened, since when, and what to do, for people
 * @param data the facts, for machines (the webhook's {@code data}, beside subject and text)
 */
public record Notice(
        String accountId,
        String channelId,
        NotificationKind kind,
        String type,
        String subject,
        String text,
        Map<String, Object> data) {}
