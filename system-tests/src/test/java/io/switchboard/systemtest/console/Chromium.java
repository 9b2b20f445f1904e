package io.switchboard.systemtest.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's own Chromium and ChromeDriver (Debian's {@code chromium} and {@code chromium-driver}), driven
 * headless through WebDriver; nothing is downloaded at test time. Where they are missing and the tests run as root on
 * Debian, they are installed with apt-get first, as the rest of the build fetches what it needs; elsewhere the test
 * says what to install. {@code -Dswitchboard.chromium} and {@code -Dswitchboard.chromedriver} point at other copies.
 */
final class Chromium {

    private static final Path BROWSER = Path.of(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver"));

    private static final Path APT_LOG = Path.of("target/apt-chromium.log");
    /**
     * Selenium looks for a DevTools binding of the browser's version at start and warns when it has none; the tests
     * use WebDriver only. Held here so that the level stays set.
     */
    private static final java.util.logging.Logger DEVTOOLS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private Chromium() {}

    /** A new headless browser with an empty profile of its own, its window the size of a laptop's. */
    static ChromeDriver start() throws IOException {
        ensureInstalled();
        DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // as root in a container
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                // No calls home: this machine's network is closed, and a test needs none of them.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("console-browser"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static synchronized void ensureInstalled() throws IOException {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("The console's browser tests need Chromium and ChromeDriver at " + BROWSER
                    + " and " + DRIVER + ": on Debian, apt-get install chromium chromium-driver; elsewhere point"
                    + " -Dswitchboard.chromium and -Dswitchboard.chromedriver at a Chromium and its driver");
        }
        if (!aptGet("install", "-y", "-q", "chromium", "chromium-driver")) {
            aptGet("update", "-q");
            if (!aptGet("install", "-y", "-q", "chromium", "chromium-driver")) {
                throw new IllegalStateException("apt-get install chromium chromium-driver failed; its output is in "
                        + APT_LOG.toAbsolutePath());
            }
        }
    }

    private static boolean aptGet(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/apt-get"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(APT_LOG.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return process.exitValue() == 0;
    }
}
