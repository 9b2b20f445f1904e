package io.switchboard.queue.dispatch;

/** A message to a number the provider's contact check found without WhatsApp. */
final class NoWhatsApp {

    public static final String CODE = "NO_WHATSAPP_ACCOUNT";
    public static final String REASON = "the number has no WhatsApp account";

    private NoWhatsApp() {}
}
