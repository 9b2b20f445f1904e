package io.switchboard.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The console lives under {@code /console/} (so that an ingress can route that one prefix, beside the services'
 * {@code /v1} on the same host); the bare host and {@code /console} lead there.
 */
@ApplicationScoped
class PageAddress {

    static final String HOME = "/console/";

    void routes(@Observes Router router) {
        router.routeWithRegex("^/(console)?$").handler(context -> context.redirect(HOME));
    }
}
