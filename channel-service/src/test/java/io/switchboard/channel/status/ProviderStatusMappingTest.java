package io.switchboard.channel.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.channel.ChannelStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The provider's session statuses as the catalogue's connection statuses (docs/product/provider-webhooks.md). */
@Tag("fast")
class ProviderStatusMappingTest {

    @ParameterizedTest
    @CsvSource({
        "INIT, STARTING",
        "LAUNCH, STARTING",
        "QR, QR_REQUIRED",
        "AUTH, ACTIVE",
        "SYNC_ERROR, SYNC_ERROR",
        "ERROR, ERROR",
        "STOP, ERROR",
        "auth, ACTIVE",
        "Qr, QR_REQUIRED"
    })
    void everyHealthTextOfTheProviderHasItsStatusWhateverItsCase(String text, ChannelStatus status) {
        assertThat(ProviderStatusMapping.connectionStatus(text)).contains(status);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "CONNECTED", "AUTH ", "LOGOUT"})
    void aTextTheCatalogueDoesNotKnowMovesNothing(String text) {
        assertThat(ProviderStatusMapping.connectionStatus(text)).isEmpty();
    }
}
