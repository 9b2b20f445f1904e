package io.switchboard.simulator.cloud;

import java.util.Locale;

/**
 * One Cloud API phone number and its verification (docs/product/cloud-api-verification.md): a code is requested by SMS
 * or voice, then checked against the scripted one; only a verified number can be registered.
 */
final class CloudNumber {

    private final String phoneNumberId;
    private final String phone;
    private final String code;

    private String requestedMethod;
    private String requestedLanguage;
    private int codeRequests;
    private int attempts;
    private boolean verified;
    private boolean registered;
    private boolean subscribed;

    CloudNumber(String phoneNumberId, String phone, String code) {
        this.phoneNumberId = phoneNumberId;
        this.phone = phone;
        this.code = code;
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
