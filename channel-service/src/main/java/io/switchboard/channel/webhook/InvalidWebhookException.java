package io.switchboard.channel.webhook;

/**
 * A webhook that can never be applied (a timestamp out of range, a QR code that is not a base64 PNG, a field longer
 * than the contract allows): answered 400 and never written to the topic. The only exception the normalisation of a
 * webhook throws.
 */
class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message) {
        super(message);
    }
}
