package io.switchboard.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * One WireMock server stands for the channel, queue and notification services (real HTTP on a free port); the billing
 * service's address is a port nothing listens on, as a service that is down.
 */
public class ServicesStub implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        String base = "http://localhost:" + server.port();
        return Map.of(
                "switchboard.console.services.channel",
                base,
                "switchboard.console.services.queue",
                base,
                "switchboard.console.services.notification",
                base + "/",
                "switchboard.console.services.billing",
                "http://localhost:" + unusedPort(),
                "switchboard.console.timeout",
                "2s");
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
