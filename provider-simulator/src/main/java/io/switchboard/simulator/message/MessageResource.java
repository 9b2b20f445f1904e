package io.switchboard.simulator.message;

import io.switchboard.simulator.channel.ChannelRegistry;
import io.switchboard.simulator.channel.DeliveryMode;
import io.switchboard.simulator.channel.SimulatedChannel;
import io.switchboard.simulator.http.ApiKeyRequired;
import io.switchboard.simulator.http.ProviderException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The provider's send API. */
@Path("/v1/channels/{id}")
@ApiKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Provider API")
public class MessageResource {

    /** Whapi's exact words while a channel cannot send (during a reconnect, phone offline, opened elsewhere). */
    static final String NEED_AUTHORIZATION = "need channel authorization";
    /** A send to a number scripted without WhatsApp. */
    static final String NO_WHATSAPP = "the number does not have a WhatsApp account";

    private final ChannelRegistry channels;
    private final Recipients recipients;
    private final Numbers numbers;
    private final ReceiptSender receipts;

    public MessageResource(ChannelRegistry channels, Recipients recipients, Numbers numbers, ReceiptSender receipts) {
        this.channels = channels;
        this.recipients = recipients;
        this.numbers = numbers;
        this.receipts = receipts;
    }

    @POST
    @Path("/messages/text")
    public SendResult sendText(
            @PathParam("id") String channelId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            SendTextRequest request) {
        SimulatedChannel channel = channels.get(channelId);
        if (request == null || blank(request.to()) || blank(request.body())) {
            throw ProviderException.badRequest("to and body are required");
        }
        // Checked first, as the provider does: a retry during a reconnect is refused even if the first try got through.
        if (!channel.canSend()) {
            throw new ProviderException(401, NEED_AUTHORIZATION);
        }
        if (!numbers.hasWhatsApp(request.to())) {
            throw new ProviderException(404, NO_WHATSAPP);
        }
        String key = blank(idempotencyKey) ? null : idempotencyKey;
        Recipients.Delivery delivery = channel.delivery() == DeliveryMode.ZOMBIE
                ? recipients.lose(channel.id(), channel.phone(), request.to().trim(), request.body(), key)
                : recipients.deliver(channel.id(), channel.phone(), request.to().trim(), request.body(), key);
        if (delivery.fresh()) {
            receipts.delivered(
                    channel, delivery.result().message().id(), request.to().trim());
        }
        return delivery.result();
    }

    /**
     * The contact check: {@code {"blocking":"wait","contacts":["+1..."]}} answers each number {@code valid} (it has
     * WhatsApp) or {@code invalid}.
     */
    @POST
    @Path("/contacts")
    public ContactsResult contacts(@PathParam("id") String channelId, ContactsRequest request) {
        channels.get(channelId);
        if (request == null || request.contacts() == null || request.contacts().isEmpty()) {
            throw ProviderException.badRequest("contacts is required: a list of phone numbers");
        }
        return new ContactsResult(request.contacts().stream()
                .map(phone -> numbers.hasWhatsApp(phone)
                        ? new ContactsResult.Contact(phone, "valid", Numbers.digits(phone))
                        : new ContactsResult.Contact(phone, "invalid", null))
                .toList());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
