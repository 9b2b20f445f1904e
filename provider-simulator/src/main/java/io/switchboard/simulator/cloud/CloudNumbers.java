package io.switchboard.simulator.cloud;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The Cloud API numbers defined through the control API, in memory. */
@ApplicationScoped
public class CloudNumbers {

    private final ConcurrentMap<String, CloudNumber> numbers = new ConcurrentHashMap<>();

    /** Defines a number, or defines it anew (forgetting its verification) if it exists. */
    CloudNumber define(String phoneNumberId, String phone, String code, String businessAccountId) {
        CloudNumber number = new CloudNumber(phoneNumberId, phone, code, businessAccountId);
        numbers.put(phoneNumberId, number);
        return number;
    }

    Optional<CloudNumber> find(String phoneNumberId) {
        return Optional.ofNullable(phoneNumberId).map(numbers::get);
    }

    /** The number, or the Cloud API's answer for an unknown object. */
    CloudNumber get(String phoneNumberId) {
        return find(phoneNumberId)
                .orElseThrow(() -> new CloudApiException(
                        404,
                        CloudApiException.INVALID_PARAMETER,
                        "Unsupported post request. Object with ID '" + phoneNumberId + "' does not exist"));
    }

    List<CloudNumberView> all() {
        return numbers.values().stream()
                .map(CloudNumber::view)
                .sorted(Comparator.comparing(CloudNumberView::phoneNumberId))
                .toList();
    }

    public void clear() {
        numbers.clear();
    }
}
