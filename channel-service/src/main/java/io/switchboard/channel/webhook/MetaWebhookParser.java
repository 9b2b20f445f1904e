package io.switchboard.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.NumberQuality;
import io.switchboard.contracts.provider.BanState;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.platform.text.Texts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Meta webhook ({@code object: whatsapp_business_account}, its {@code entry[].changes[]}) into the changes of
 * standing Switchboard acts on: {@code phone_number_quality_update} (quality, messaging limit) names the number by its
 * display phone number; {@code account_update} (restriction, violation, ban) names the business account; {@code
 * messages} (receipts of the number's messages, messages clients wrote) names the number's {@code phone_number_id}
 * ({@link MetaMessages}); {@code message_template_status_update} (a template approved, paused, ...) names the business
 * account. Every other field and event is left out. A body that is not Meta's shape is refused ({@link InvalidWebhookException}).
 */
final class MetaWebhookParser {

    static final String QUALITY_FIELD = "phone_number_quality_update";
    static final String ACCOUNT_FIELD = "account_update";
    static final String MESSAGES_FIELD = "messages";
    static final String TEMPLATE_FIELD = "message_template_status_update";

    /** How a change names its channel. */
    enum By {
        /** The number's display phone number, E.164. */
        PHONE,
        /** The Cloud API's {@code phone_number_id}. */
        PHONE_NUMBER_ID,
        /** Every number of a WhatsApp Business Account. */
        BUSINESS_ACCOUNT
    }

    /** Whom a change is about. */
    record Target(By by, String id) {}

    /**
     * One change Switchboard acts on, with the change as received (for {@code raw}): a change of standing, the
     * receipts of the number's messages, or messages clients wrote to it (the typed part its type calls for).
     */
    record Change(
            Target target,
            ProviderEventType type,
            String eventName,
            ProviderEvent.Standing standing,
            List<ProviderEvent.Receipt> receipts,
            List<ProviderEvent.InboundMessage> inbound,
            ProviderEvent.TemplateStatus template,
            String raw) {

        static Change standing(
                Target target, ProviderEventType type, String eventName, ProviderEvent.Standing standing, String raw) {
            return new Change(target, type, eventName, standing, null, null, null, raw);
        }
    }

    private MetaWebhookParser() {}

    static List<Change> changes(JsonNode body) {
        if (!"whatsapp_business_account".equals(body.path("object").asText())) {
            throw new InvalidWebhookException(
                    "Not a WhatsApp Business Account webhook: object must be" + " \"whatsapp_business_account\"");
        }
        JsonNode entries = body.path("entry");
        if (!entries.isArray()) {
            throw new InvalidWebhookException("entry must be an array");
        }
        List<Change> changes = new ArrayList<>();
        for (JsonNode entry : entries) {
            String account = entry.path("id").asText("");
            for (JsonNode change : entry.path("changes")) {
                changes.addAll(read(account, entry.path("time").asLong(0), change));
            }
        }
        return changes;
    }

    private static List<Change> read(String account, long time, JsonNode change) {
        JsonNode value = change.path("value");
        String event = value.path("event").asText("").toUpperCase(Locale.ROOT);
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.putObject("entry").put("id", account).put("time", time);
        raw.set("change", change);
        return switch (change.path("field").asText("")) {
            case QUALITY_FIELD -> quality(value, event, raw.toString()).stream().toList();
            case ACCOUNT_FIELD ->
                account.isBlank()
                        ? List.of()
                        : account(account, value, event, raw.toString()).stream()
                                .toList();
            case MESSAGES_FIELD -> MetaMessages.changes(value, raw.toString());
            case TEMPLATE_FIELD ->
                account.isBlank()
                        ? List.of()
                        : template(account, value, event, raw.toString()).stream()
                                .toList();
            default -> List.of(); // other fields: not acted upon here
        };
    }

    private static Optional<Change> quality(JsonNode value, String event, String raw) {
        String digits = value.path("display_phone_number").asText("").replaceAll("\\D", "");
        NumberQuality quality = switch (event) {
            case "FLAGGED" -> NumberQuality.RED;
            case "UNFLAGGED" -> NumberQuality.GREEN;
            default -> null;
        };
        // Meta moves from current_limit to max_daily_conversations_per_business; either tells the limit.
        MessagingLimit limit = MessagingLimit.of(
                        value.path("max_daily_conversations_per_business").asText(null))
                .or(() -> MessagingLimit.of(value.path("current_limit").asText(null)))
                .orElse(null);
        if (digits.length() < 5 || digits.length() > 15 || (quality == null && limit == null)) {
            return Optional.empty();
        }
        return Optional.of(Change.standing(
                new Target(By.PHONE, "+" + digits),
                ProviderEventType.NUMBER_QUALITY,
                QUALITY_FIELD + "." + Texts.fit(event, 60),
                new ProviderEvent.Standing(Texts.fit(event, 60), quality, limit, null, null, null, null),
                raw));
    }

    /** {@code message_template_status_update}: a template of the business account and its new status. */
    private static Optional<Change> template(String account, JsonNode value, String event, String raw) {
        String name = value.path("message_template_name").asText("");
        String language = value.path("message_template_language").asText("");
        if (event.isBlank() || name.isBlank() || language.isBlank() || name.length() > 512 || language.length() > 20) {
            return Optional.empty();
        }
        String reason = value.path("reason").asText("");
        String status = Texts.fit(event, 60);
        return Optional.of(new Change(
                new Target(By.BUSINESS_ACCOUNT, account),
                ProviderEventType.TEMPLATE_STATUS,
                TEMPLATE_FIELD + "." + status,
                null,
                null,
                null,
                new ProviderEvent.TemplateStatus(
                        name,
                        language,
                        status,
                        ProviderEvent.TemplateStatus.sendable(status),
                        reason.isBlank() || "NONE".equalsIgnoreCase(reason) ? null : Texts.fit(reason, 500)),
                raw));
    }

    private static Optional<Change> account(String account, JsonNode value, String event, String raw) {
        ProviderEvent.Standing standing = switch (event) {
            case "ACCOUNT_RESTRICTION" -> restriction(value.path("restriction_info"));
            case "DISABLED_UPDATE" ->
                ban(value.path("ban_info").path("waba_ban_state"))
                        .map(ban -> new ProviderEvent.Standing(event, null, null, null, null, ban, null))
                        .orElse(null);
            case "ACCOUNT_VIOLATION" ->
                new ProviderEvent.Standing(
                        event,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Texts.fit(
                                value.path("violation_info")
                                        .path("violation_type")
                                        .asText("UNSPECIFIED"),
                                100));
            default -> null;
        };
        return Optional.ofNullable(standing)
                .map(known -> Change.standing(
                        new Target(By.BUSINESS_ACCOUNT, account),
                        ProviderEventType.BUSINESS_ACCOUNT,
                        ACCOUNT_FIELD + "." + event,
                        known,
                        raw));
    }

    /**
     * {@code restriction_info}: the messaging restrictions in force and when each ends; none of them (or only one of
     * adding numbers) means messaging is no longer restricted.
     */
    private static ProviderEvent.Standing restriction(JsonNode infos) {
        Set<MessagingRestriction> kinds = EnumSet.noneOf(MessagingRestriction.class);
        long until = 0;
        for (JsonNode info : infos) {
            MessagingRestriction kind = switch (info.path("restriction_type").asText("")) {
                case "RESTRICTED_BIZ_INITIATED_MESSAGING" -> MessagingRestriction.BUSINESS_INITIATED;
                case "RESTRICTED_CUSTOMER_INITIATED_MESSAGING" -> MessagingRestriction.CUSTOMER_INITIATED;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            kinds.add(kind);
            JsonNode expiration = info.path("expiration");
            Instant ends = WhapiWebhookParser.epochSeconds(expiration); // refuses one out of range
            if (ends == null && !expiration.isMissingNode() && !expiration.isNull()) {
                throw new InvalidWebhookException("restriction_info[].expiration must be Unix seconds");
            }
            if (ends != null) {
                until = Math.max(until, ends.getEpochSecond());
            }
        }
        MessagingRestriction restricted = kinds.isEmpty()
                ? null
                : kinds.size() > 1 ? MessagingRestriction.ALL : kinds.iterator().next();
        return new ProviderEvent.Standing(
                "ACCOUNT_RESTRICTION",
                null,
                null,
                restricted,
                restricted == null || until == 0 ? null : Instant.ofEpochSecond(until),
                null,
                null);
    }

    /** {@code waba_ban_state}: a string, or (in older webhooks) an array of one. */
    private static Optional<BanState> ban(JsonNode state) {
        String text = state.isArray() ? state.path(state.size() - 1).asText("") : state.asText("");
        try {
            return Optional.of(BanState.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
