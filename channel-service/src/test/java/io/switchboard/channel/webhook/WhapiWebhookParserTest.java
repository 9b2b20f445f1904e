package io.switchboard.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.contracts.provider.ReceiptStatus;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The provider's webhooks as events, on their own (docs/product/provider-webhooks.md). */
@Tag("fast")
class WhapiWebhookParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHealthWebhookIsAHealthEventOfTheAuthenticatedChannel() throws Exception {
        ProviderEvent event = parse("""
                {"event":{"type":"channel","event":"post"},"channel_id":"SIM-1",
                 "health":{"status":{"code":4,"text":"AUTH"},"start_at":1700000000,"uptime":42}}""");

        assertThat(event.type()).isEqualTo(ProviderEventType.HEALTH);
        assertThat(event.channelId()).isEqualTo("c1"); // from the address, never from the body
        assertThat(event.providerChannelId()).isEqualTo("SIM-1");
        assertThat(event.health()).isEqualTo(new ProviderEvent.Health(4, "AUTH", 1_700_000_000L, 42));
        assertThat(event.providerEventName()).isEqualTo("channel.post");
    }

    @Test
    void receiptsKeepTheirMessageStatusTimeAndTheProvidersError() throws Exception {
        ProviderEvent event = parse("""
                {"event":{"type":"statuses","event":"post"},"statuses":[
                  {"id":"m1","status":"delivered","recipient_id":"4915112345678","timestamp":1700000100},
                  {"id":"m2","status":"failed","timestamp":"1700000200","errors":[{"code":131026,"title":"no"}]},
                  {"id":"","status":"read"}]}""");

        assertThat(event.type()).isEqualTo(ProviderEventType.MESSAGE_STATUS);
        assertThat(event.receipts()).hasSize(2); // one without an id says nothing
        assertThat(event.receipts().get(0).status()).isEqualTo(ReceiptStatus.DELIVERED);
        assertThat(event.receipts().get(0).occurredAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_100L));
        assertThat(event.receipts().get(1).status()).isEqualTo(ReceiptStatus.FAILED);
        assertThat(event.receipts().get(1).errorCode()).isEqualTo("131026");
    }

    @Test
    void anEventWithoutThePartItsTypeNeedsIsKeptButNotActedUpon() throws Exception {
        assertThat(parse("{\"event\":{\"type\":\"channel\",\"event\":\"post\"}}")
                        .type())
                .isEqualTo(ProviderEventType.UNKNOWN);
        assertThat(parse("{\"event\":{\"type\":\"labels\",\"event\":\"post\"}}").type())
                .isEqualTo(ProviderEventType.UNKNOWN);
    }

    @Test
    void aTimestampThatCouldBeStoredNowhereIsRefused() {
        assertThatThrownBy(() -> parse("""
                        {"event":{"type":"statuses","event":"post"},
                         "statuses":[{"id":"m1","status":"read","timestamp":-1}]}""")).isInstanceOf(InvalidWebhookException.class);
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void theSameBodyIsTheSameDeliveryAndAnotherBodyIsAnother() {
        String body = "{\"event\":{\"type\":\"channel\",\"event\":\"post\"}}";
        assertThat(WhapiWebhookParser.deliveryKey("c1", body)).isEqualTo(WhapiWebhookParser.deliveryKey("c1", body));
        assertThat(WhapiWebhookParser.deliveryKey("c1", body)).isNotEqualTo(WhapiWebhookParser.deliveryKey("c2", body));
        assertThat(WhapiWebhookParser.deliveryKey("c1", body))
                .isNotEqualTo(WhapiWebhookParser.deliveryKey("c1", body + " "));
    }

    private static ProviderEvent parse(String body) throws Exception {
        JsonNode parsed = JSON.readTree(body);
        return WhapiWebhookParser.normalise("c1", "acme", parsed, body);
    }
}
