package io.switchboard.simulator.message;

import java.util.List;

/**
 * What a recipient's number does, as a test scripts it: whether it has WhatsApp, and the receipts that follow a message
 * sent to it (each a status and how long after the send; none: the receipts are lost). Statuses: sent, delivered,
 * read, played, failed, unknown, pending, deleted.
 */
public record NumberScript(Boolean whatsApp, List<ScriptedReceipt> receipts) {

    public record ScriptedReceipt(String status, long afterMillis) {}

    public boolean hasWhatsApp() {
        return whatsApp == null || whatsApp;
    }
}
