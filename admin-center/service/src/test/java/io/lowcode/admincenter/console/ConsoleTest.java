package io.lowcode.admincenter.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console is served by this service with a Content-Security-Policy that allows only its own scripts and styles and
 * only this origin's API, cannot be framed, and builds its pages without HTML strings (so a dead letter's payload or
 * headers can only ever be text); the browser test in local-stack/e2e drives it.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ConsoleTest {

    private static final Path FILES = Path.of("src/main/resources/META-INF/resources/console");

    @Test
    void theConsoleIsServedWithAStrictContentSecurityPolicy() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", endsWith("/console/"));
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<script type=\"module\" src=\"js/app.js\"></script>"));
        given().get("/console/js/app.js").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/webjars/uplot/1.6.30/dist/uPlot.esm.js").then().statusCode(200);
        given().get("/webjars/uplot/1.6.30/dist/uPlot.min.css").then().statusCode(200);
    }

    @Test
    void thePagesRunNoInlineCodeAndNeverTurnTextIntoMarkup() throws IOException {
        String index = Files.readString(FILES.resolve("index.html"));
        assertThat(index).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=").doesNotContain(" on");
        try (Stream<Path> files = Files.walk(FILES)) {
            List<Path> scripts = files.filter(f -> f.toString().endsWith(".js")).toList();
            assertThat(scripts).hasSizeGreaterThan(10);
            for (Path script : scripts) {
                assertThat(Files.readString(script)).as(script.toString())
                        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                "new Function", "localStorage");
            }
        }
    }

    @Test
    void theConsoleIsPublicButEveryApiCallNeedsAToken() {
        LocalStackTestResource.stack();
        given().get("/console/js/api.js").then().statusCode(200);
        given().get("/api/v1/ops/configuration").then().statusCode(401);
    }
}
