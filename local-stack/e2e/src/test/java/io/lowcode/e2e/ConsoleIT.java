package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.testing.EventSender;
import io.restassured.http.ContentType;

/**
 * The integration console in a real headless Chromium (Debian's chromium and chromium-driver) on the shared e2e
 * platform: an ops person logs in, sees the cluster, watches a lagging group turn WARN, replays a dead letter whose
 * payload and headers carry markup (shown as text, never run) and sees it applied, changes a topic's retention and rolls
 * it back, and sees the incident recorded after a consumer was stalled and healed. Every view is photographed
 * (target/console-screenshots/) and the browser's console has no error at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SHOTS = Path.of("target/console-screenshots");
    private static final String XSS = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

    private static RunningPlatform platform;
    private static ChromeDriver driver;
    private static Path profile;
    private static final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void browser() throws IOException {
        platform = RunningPlatform.shared();
        profile = Files.createTempDirectory("console-it-chromium-");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            LocalStack.deleteRecursively(profile);
        }
    }

    @Test
    @Order(1)
    void anOpsPersonLogsInAndSeesTheClusterOnTheOverview() throws Exception {
        driver.get(platform.adminCenter() + "/console");
        WebElement user = waitFor(By.name("username"));
        user.sendKeys(platform.platform().admin().username());
        driver.findElement(By.name("password")).sendKeys(platform.platform().admin().password());
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#overview-stats")).contains("brokers up", "1 / 1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(driver.findElements(By.cssSelector(".chart canvas")))
                .isNotEmpty());
        assertThat(text(".who")).contains(platform.platform().admin().username(), "ops");
        shoot("overview");
    }

    @Test
    @Order(2)
    void aLaggingConsumerGroupTurnsWarnInTheGroupsView() throws Exception {
        String topic = "console-it.lag-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "console-it.lagging-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = platform.stack().kafka().bootstrapServers();
        try (Admin admin = platform.stack().kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            try (EventSender sender = new EventSender(bootstrap)) {
                int n = 0;
                while (producing.get()) {
                    sender.send(topic, 0, "k" + n, ("record " + n++).getBytes(StandardCharsets.UTF_8));
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
                }
            }
        }, "console-it-producer");
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            producer.start();
            // it joins, commits once at the start and then owns the partition, committing slower than records arrive
            await().atMost(WAIT).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)));
            // open its page once the sampler knows the group (before that the page's calls answer 404)
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> platform
                    .asAdmin(platform.adminCenter()).get("/api/v1/ops/consumer-groups/" + group).then().statusCode(200));
            driver.get(platform.adminCenter() + "/console/#/groups/" + group);
            // it commits one record further each poll while the producer adds more: offsets move, lag grows (WARN; a
            // frozen offset would be STALL)
            AtomicLong committed = new AtomicLong();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(100));
                consumer.commitSync(Map.of(new TopicPartition(topic, 0),
                        new OffsetAndMetadata(committed.incrementAndGet())));
                assertThat(statusOf(group)).isEqualTo("WARN");
            });
            assertThat(text("#group-chart-title")).contains(group);
            shoot("consumer-groups");
            driver.get(platform.adminCenter() + "/console/#/overview"); // the test group goes away with its consumer
        } finally {
            producing.set(false);
            producer.join(10_000);
        }
    }

    @Test
    @Order(3)
    void aDeadLetterWithMarkupIsShownAsTextReplayedAndApplied() throws Exception {
        String unit = "fu-console-" + UUID.randomUUID();
        EventEnvelope<FunctionUnitCreated> created = EventEnvelope.of(EventType.FUNCTION_UNIT_CREATED, unit,
                new FunctionUnitCreated(unit, "Console replay " + unit.substring(11, 19), XSS, "dev-console", "tests"));
        byte[] value = EventCodec.shared().serialize(created);
        try (EventSender sender = new EventSender(platform.stack().kafka().bootstrapServers())) {
            sender.send(Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS), 0, unit, value, Map.of(
                    "content-type", "application/cloudevents+json",
                    "dead-letter-reason", "database unavailable " + XSS,
                    "dead-letter-topic", Topics.FUNCTION_UNIT_EVENTS, "dead-letter-partition", "0",
                    "dead-letter-offset", "0", "dead-letter-kind", "retries-exhausted", "dead-letter-attempts", "4",
                    "dead-letter-consumer", "function-unit-inventory", "x-note", XSS));
        }
        driver.get(platform.adminCenter() + "/console/#/dead-letters");
        WebElement row = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> driver
                .findElements(By.cssSelector("#dl-list tbody tr")).stream()
                .filter(r -> r.getText().contains("function-unit.created") && r.getText().contains("database unavailable"))
                .findFirst().orElse(null), r -> r != null);
        row.click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#dl-detail pre.payload")).contains(unit));
        // the markup is there as text — in the payload and in two headers — and none of it became an element or ran
        assertThat(text("#dl-detail pre.payload")).contains("<script>window.__xss=1</script>");
        assertThat(text("#dl-detail table.headers")).contains("x-note", XSS);
        assertThat(driver.findElements(By.cssSelector("#dl-detail script, #dl-detail img"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
        shoot("dead-letters");

        driver.findElement(By.id("dl-replay")).click();
        waitFor(By.cssSelector("dialog[open] [data-action=confirm]")).click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#dl-outcome")).contains("replayed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#dl-detail")).contains("REPLAYED"));
        // applied: the inventory consumer created the unit (and audited it), as the audit view shows
        driver.get(platform.adminCenter() + "/console/#/audit");
        WebElement subject = waitFor(By.name("subject"));
        subject.sendKeys(unit);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            driver.findElement(By.xpath("//button[text()='Filter']")).click();
            assertThat(text("#audit-list")).contains("function-unit.created", unit);
        });
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
        shoot("audit-log");
    }

    @Test
    @Order(4)
    void aTopicsRetentionIsChangedAndRolledBack() throws Exception {
        String key = "topics." + Topics.SYSTEM_NOTIFICATION_EVENTS + ".retention-ms";
        driver.get(platform.adminCenter() + "/console/#/configuration");
        WebElement input = waitFor(By.cssSelector("input[data-key='" + key + "']"));
        String before = input.getAttribute("value");
        int versionBefore = Integer.parseInt(text("#config-version"));
        String wanted = "43200000".equals(before) ? "21600000" : "43200000";
        input.clear();
        input.sendKeys(wanted);
        driver.findElement(By.id("config-reason")).sendKeys("notifications are read within 12 hours");
        driver.findElement(By.id("config-save")).click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#config-outcome"))
                .contains("Version " + (versionBefore + 1), key + " APPLIED"));
        assertThat(retention()).isEqualTo(wanted);
        shoot("configuration");

        WebElement rollback = await().atMost(WAIT).until(() -> driver.findElements(
                By.cssSelector("#config-versions button[data-version='" + versionBefore + "']")).stream().findFirst()
                .orElse(null), b -> b != null);
        rollback.click();
        waitFor(By.id("rollback-reason")).sendKeys("back to the catalog's day");
        driver.findElement(By.cssSelector("dialog[open] [data-action=confirm]")).click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#config-outcome"))
                .contains("Version " + (versionBefore + 2) + " restores version " + versionBefore));
        assertThat(retention()).isEqualTo(before);
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#config-versions")).contains("rollback to version "
                + versionBefore));
    }

    @Test
    @Order(5)
    void aStalledConsumerIsHealedAndTheIncidentShows() throws Exception {
        String unit;
        try (Connection blocker = platform.stack().postgres().connect()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE admin_center.operations_timeline IN EXCLUSIVE MODE");
            }
            long stallsBefore = stallsLogged();
            unit = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Console stall", "definition", Map.of("steps", List.of(Map.of("kind", "wait")))))
                    .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
            // the timeline's attempt waits on the lock until the watchdog gives up on it and restarts the consumer
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> waitingTimelineInserts() >= 1);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> stallsLogged() > stallsBefore);
            blocker.rollback();
        }
        driver.get(platform.adminCenter() + "/console/#/incidents");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(text("#incident-list"))
                .contains("consumer-stalled", "operations-timeline", "HEALED"));
        assertThat(unit).isNotBlank();
        shoot("incidents");
    }

    @Test
    @Order(6)
    void everyViewRendersAtBothWidthsWithoutAnErrorInTheBrowsersConsole() throws Exception {
        for (String view : List.of("topics", "flow", "alerts", "deployments", "automation", "migrations")) {
            driver.get(platform.adminCenter() + "/console/#/" + view);
            await().atMost(WAIT).untilAsserted(() -> assertThat(driver.findElements(By.cssSelector("#content .card")))
                    .isNotEmpty());
            await().atMost(WAIT).untilAsserted(() -> assertThat(text("#updated")).startsWith("updated"));
            shoot(view);
        }
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(platform.adminCenter() + "/console/#/overview");
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#overview-stats")).contains("brokers up"));
        shoot("overview-phone");
        assertThat((Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth")).as("no sideways scrolling")
                .isLessThanOrEqualTo(0L);
        driver.manage().window().setSize(new Dimension(1280, 800));
        // the overview once more, with the hour's traffic of the tests above in its chart (the README's picture)
        driver.get(platform.adminCenter() + "/console/#/overview");
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#overview-stats")).contains("brokers up"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(driver.findElements(By.cssSelector(".chart canvas")))
                .isNotEmpty());
        shoot("overview-end");
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        assertThat(consoleErrors).as("errors in the browser's console").isEmpty();
    }

    private static String retention() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SYSTEM_NOTIFICATION_EVENTS);
        try (Admin admin = platform.stack().kafka().admin()) {
            return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms").value();
        }
    }

    private static long waitingTimelineInserts() throws Exception {
        try (Connection c = platform.stack().postgres().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                        + "'admin-center' AND wait_event_type = 'Lock' AND query LIKE '%operations_timeline%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many times the admin center logged that its operations-timeline consumer stalled (the watchdog acts). */
    private static long stallsLogged() throws IOException {
        Path log = platform.platform().logDirectory().resolve("admin-center.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (java.util.stream.Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            // "consumer operations-timeline[-<copy>] stalled: …" (ConsumerWatchdog)
            return lines.filter(l -> l.contains("consumer operations-timeline") && l.contains(" stalled: ")).count();
        }
    }

    private static String statusOf(String group) {
        try {
            return driver.findElements(By.cssSelector("#content table tbody tr")).stream()
                    .filter(r -> r.getText().startsWith(group)).findFirst()
                    .map(r -> r.findElement(By.cssSelector(".badge")).getText()).orElse("");
        } catch (org.openqa.selenium.StaleElementReferenceException refreshed) {
            return ""; // the view re-rendered between the lookup and the read: the next poll reads the new one
        }
    }

    private static String text(String css) {
        try {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException refreshed) {
            return "";
        }
    }

    private static WebElement waitFor(By by) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> driver.findElements(by).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null), e -> e != null);
    }

    private static void shoot(String name) throws IOException {
        Path file = SHOTS.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
