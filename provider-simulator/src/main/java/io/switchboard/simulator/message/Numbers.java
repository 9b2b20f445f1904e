package io.switchboard.simulator.message;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The recipients' numbers a test scripted, by their digits; any other number has WhatsApp and default receipts. */
@ApplicationScoped
public class Numbers {

    private final Map<String, NumberScript> scripts = new ConcurrentHashMap<>();

    public void script(String phone, NumberScript script) {
        scripts.put(digits(phone), script);
    }

    public void forget(String phone) {
        scripts.remove(digits(phone));
    }

    public Optional<NumberScript> of(String phone) {
        return Optional.ofNullable(scripts.get(digits(phone)));
    }

    public boolean hasWhatsApp(String phone) {
        return of(phone).map(NumberScript::hasWhatsApp).orElse(true);
    }

    public Map<String, NumberScript> all() {
        return new TreeMap<>(scripts);
    }

    public void clear() {
        scripts.clear();
    }

    /** The digits of a phone number or of the user part of a WhatsApp chat id. */
    static String digits(String address) {
        int at = address.indexOf('@');
        return (at < 0 ? address : address.substring(0, at)).replaceAll("\\D", "");
    }
}
