package io.switchboard.simulator.cloud;

/** A Cloud API number as the control API shows it: its scripted code and how far its verification got. */
public record CloudNumberView(
        String phoneNumberId,
        String phone,
        String code,
        String requestedMethod,
        String requestedLanguage,
        int codeRequests,
        int attempts,
        boolean verified,
        boolean registered,
        boolean subscribed) {}
