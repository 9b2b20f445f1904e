package io.switchboard.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.platform.contract.ContractSchemas;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of webhook parsing and normalisation, as the ingress does it: any body either is refused as
 * bad input (not JSON, {@link InvalidWebhookException}, a contract violation: each a 400) or becomes an event that
 * keeps the contract and that a consumer reads back as it was written. No other exception, whatever the body.
 *
 * <p>Every build runs the committed inputs ({@code WebhookFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxExecutions} inputs (see BENCHMARKS.md for a run).
 */
@Tag("fast")
class WebhookFuzzTest {

    /** As Quarkus configures the services' mapper: java.time, instants as ISO strings. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @FuzzTest(maxExecutions = 1_000_000)
    void aWebhookIsRefusedAsBadInputOrBecomesAnEventThatKeepsTheContract(byte[] input) throws Exception {
        String body = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return; // 400 malformed-webhook
        }
        ProviderEvent event;
        try {
            event = WhapiWebhookParser.normalise("c0ffee00-0000-4000-8000-000000000001", "acme", parsed, body);
        } catch (InvalidWebhookException refused) {
            return; // 400 invalid-webhook
        }
        String written = JSON.writeValueAsString(event);
        if (!ContractSchemas.violations(ProviderEvent.class, written).isEmpty()) {
            return; // 400 invalid-webhook, with the violations
        }
        ProviderEvent read = JSON.readValue(written, ProviderEvent.class);
        assertThat(read).as("what a consumer reads of %s", written).isEqualTo(event);
    }
}
