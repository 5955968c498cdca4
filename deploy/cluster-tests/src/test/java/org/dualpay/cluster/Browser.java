package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser on the operator's console: Debian's Chromium, headless, driven through Debian's
 * chromedriver by Selenium (both named, so that Selenium Manager looks nothing up and downloads
 * nothing), with a fresh profile each time. It reads what a person sees (the page's visible text),
 * waits for it with a deadline, and saves a screenshot of each page it checks into
 * {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    private final String consoleUrl;
    private final Path profile;
    private final ChromeDriver driver;

    Browser(String consoleUrl) {
        assertThat(Path.of(CHROMIUM)).as("Chromium (apt-get install chromium; deploy/local/test.sh installs it)")
                .isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        this.consoleUrl = consoleUrl;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Logs in through the form, as a person would, and lands on the orders page. */
    Browser logIn(String password) {
        open("/login");
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        awaitText("the orders page after logging in", Duration.ofSeconds(30), "Latest orders");
        return this;
    }

    void open(String path) {
        driver.get(consoleUrl + path);
    }

    /** What a person sees on the page now. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Waits until the page shows every text, reloading it (the console reads live state) until the deadline. */
    void awaitText(String what, Duration atMost, String... texts) {
        long deadline = System.nanoTime() + atMost.toNanos();
        String seen = "";
        while (true) {
            try {
                seen = text();
            } catch (org.openqa.selenium.WebDriverException e) {
                // the page is being replaced (a click's navigation): what it shows is not settled yet
                seen = "(the page was changing: " + e.getMessage().lines().findFirst().orElse("") + ")";
            }
            String page = seen;
            if (Arrays.stream(texts).allMatch(page::contains)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                screenshot("timed-out-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
                throw new AssertionError("after " + atMost.toSeconds() + " s the console does not show " + what + " "
                        + Arrays.toString(texts) + " on " + driver.getCurrentUrl() + "; it shows:\n" + seen);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            driver.navigate().refresh();
        }
    }

    /** Saves what the page looks like now; returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("screenshot " + target.toAbsolutePath());
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind
        }
    }
}
