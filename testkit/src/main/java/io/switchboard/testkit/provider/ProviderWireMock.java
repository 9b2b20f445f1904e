package io.switchboard.testkit.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The external WhatsApp provider's HTTP API played by WireMock on a free port, with the service under test pointed at
 * it ({@code switchboard.provider.base-url}). A service's test resource says which stubs every test starts from.
 */
public abstract class ProviderWireMock implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    /** The running provider, for tests to script answers and read the requests it received. */
    public static WireMockServer server() {
        return server;
    }

    /** The stubs every test starts from; a test may add stubs of a higher priority, or reset and call this again. */
    protected abstract void stubDefaults();

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        stubDefaults();
        return Map.of("switchboard.provider.base-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
