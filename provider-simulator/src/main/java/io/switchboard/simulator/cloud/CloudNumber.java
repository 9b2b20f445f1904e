package io.switchboard.simulator.cloud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Cloud API phone number and its verification (docs/product/cloud-api-verification.md): a code is requested by SMS
 * or voice, then checked against the scripted one; only a verified number can be registered.
 */
final class CloudNumber {

    private final String phoneNumberId;
    private final String phone;
    private final String code;
    private final String businessAccountId;

    private String requestedMethod;
    private String requestedLanguage;
    private int codeRequests;
    private int attempts;
    private boolean verified;
    private boolean registered;
    private boolean subscribed;
    /** What the number's health status answers; scripted through the control API. */
    private Standing standing = Standing.HEALTHY;

    /** A number's standing as Meta reports it: quality, limit, can_send_message and why not. */
    record Standing(String quality, String limit, String canSendMessage, List<String> errors) {
        static final Standing HEALTHY = new Standing("GREEN", "TIER_1K", "AVAILABLE", List.of());
    }

    CloudNumber(String phoneNumberId, String phone, String code, String businessAccountId) {
        this.phoneNumberId = phoneNumberId;
        this.phone = phone;
        this.code = code;
        this.businessAccountId = businessAccountId;
    }

    String phoneNumberId() {
        return phoneNumberId;
    }

    String businessAccountId() {
        return businessAccountId;
    }

    /** What the health status answers from now on; quality and limit null: unchanged. */
    synchronized void health(String canSendMessage, List<String> errors, String quality, String limit) {
        standing = new Standing(
                quality == null ? standing.quality() : quality,
                limit == null ? standing.limit() : limit,
                canSendMessage,
                errors);
    }

    /** What Meta's quality webhook told, so that the health status answers the same (null: unchanged). */
    synchronized void rated(String quality, String limit) {
        standing = new Standing(
                quality == null ? standing.quality() : quality,
                limit == null ? standing.limit() : limit,
                standing.canSendMessage(),
                standing.errors());
    }

    /**
     * {@code GET /{phone-number-id}?fields=health_status,quality_rating,messaging_limit_tier}, as Meta answers it: the
     * number's entity with its errors.
     */
    synchronized Map<String, Object> standingView() {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("entity_type", "PHONE_NUMBER");
        entity.put("id", phoneNumberId);
        entity.put("can_send_message", standing.canSendMessage());
        if (!standing.errors().isEmpty()) {
            entity.put(
                    "errors",
                    standing.errors().stream()
                            .map(error -> Map.of(
                                    "error_code",
                                    141000,
                                    "error_description",
                                    error,
                                    "possible_solution",
                                    "Resolve it in WhatsApp Manager"))
                            .toList());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("quality_rating", standing.quality());
        view.put("messaging_limit_tier", standing.limit());
        view.put("health_status", Map.of("can_send_message", standing.canSendMessage(), "entities", List.of(entity)));
        view.put("id", phoneNumberId);
        return view;
    }

    synchronized void requestCode(String method, String language) {
        if (method == null || !(method.equalsIgnoreCase("SMS") || method.equalsIgnoreCase("VOICE"))) {
            throw CloudApiException.badParameter("(#100) Param code_method must be one of {SMS, VOICE}");
        }
        if (language == null || language.isBlank()) {
            throw CloudApiException.badParameter("(#100) The parameter language is required");
        }
        requestedMethod = method.toUpperCase(Locale.ROOT);
        requestedLanguage = language.trim();
        codeRequests++;
    }

    synchronized void verify(String given) {
        if (given == null || given.isBlank()) {
            throw CloudApiException.badParameter("(#100) The parameter code is required");
        }
        if (codeRequests == 0) {
            throw CloudApiException.badParameter(
                    "No verification code was requested for " + phoneNumberId + ": call request_code first");
        }
        attempts++;
        if (!code.equals(given.trim())) {
            throw new CloudApiException(400, CloudApiResource.INVALID_CODE, "Invalid code");
        }
        verified = true;
    }

    synchronized void register() {
        if (!verified) {
            throw CloudApiException.badParameter(
                    phoneNumberId + " is not verified: call request_code and verify_code first");
        }
        registered = true;
    }

    synchronized void subscribeApp() {
        if (!registered) {
            throw CloudApiException.badParameter(phoneNumberId + " is not registered: call register first");
        }
        subscribed = true;
    }

    String phone() {
        return phone;
    }

    /** A number that is registered can send. */
    synchronized void requireRegistered() {
        if (!registered) {
            throw new CloudApiException(
                    400,
                    CloudMessages.NOT_REGISTERED,
                    "Account not registered: " + phoneNumberId
                            + " must be registered (request_code, verify_code, register) before it sends");
        }
    }

    synchronized CloudNumberView view() {
        return new CloudNumberView(
                phoneNumberId,
                phone,
                code,
                requestedMethod,
                requestedLanguage,
                codeRequests,
                attempts,
                verified,
                registered,
                subscribed);
    }
}
