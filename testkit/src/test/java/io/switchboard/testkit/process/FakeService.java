package io.switchboard.testkit.process;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/** Stands in for a Quarkus application: answers /q/health/ready on QUARKUS_HTTP_PORT, or exits at once if told. */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws Exception {
        if ("fail".equals(System.getenv("FAKE_SERVICE_MODE"))) {
            System.out.println("Configuration error: datasource missing");
            System.exit(1);
        }
        HttpServer server =
                HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"))), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service listening");
    }
}
