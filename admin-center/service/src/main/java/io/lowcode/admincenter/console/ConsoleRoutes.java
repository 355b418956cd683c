package io.lowcode.admincenter.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The integration console is static (META-INF/resources/console, served with its Content-Security-Policy); this only
 * sends {@code /console} to {@code /console/}, where its index page is. The page itself calls {@code /api/v1} with the
 * token of whoever logs in, so nothing here needs authentication.
 */
@ApplicationScoped
public class ConsoleRoutes {

    public static final String PATH = "/console/";

    void routes(@Observes Router router) {
        router.routeWithRegex("^/console$").handler(context -> context.redirect(PATH));
    }
}
