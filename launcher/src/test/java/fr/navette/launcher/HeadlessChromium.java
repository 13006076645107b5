package fr.navette.launcher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a browser test class, set up the same way everywhere: skipped, saying so, where
 * Chromium and its driver are not installed (Debian: apt-get install chromium chromium-driver); another install
 * named with NAVETTE_CHROMIUM, NAVETTE_CHROMEDRIVER and NAVETTE_CHROMIUM_LIBS (its LD_LIBRARY_PATH, see
 * FOOTGUNS); screenshots under target/screenshots. Use it from a @BeforeAll / @AfterAll pair:
 *
 * <pre>{@code
 *   @TempDir static Path dir;
 *   static HeadlessChromium chromium;
 *   @BeforeAll static void start() throws Exception {
 *     HeadlessChromium.assumeInstalled("the devices page's browser test");   // first: nothing started if absent
 *     ... start the hub ...
 *     chromium = HeadlessChromium.start(dir.resolve("chromium"), 1280, 1100);
 *   }
 *   @AfterAll static void stop() { if (chromium != null) chromium.close(); ... }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NAVETTE_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getenv().getOrDefault("NAVETTE_CHROMEDRIVER", "/usr/bin/chromedriver"));
  /** Where screenshots go, relative to the module (launcher/target/screenshots): look at them. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriverService service;
  private final ChromeDriver browser;
  private final WebDriverWait wait;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver browser) {
    this.service = service;
    this.browser = browser;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // Pages redraw their lists when an answer comes: an element found just before may be gone when read.
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  /** Whether this machine can run the browser tests. */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the calling test class, naming what is skipped, where Chromium or its driver is missing. */
  static void assumeInstalled(String what) {
    assumeTrue(installed(), "Chromium and chromedriver are not installed (Debian: apt-get install chromium "
        + "chromium-driver; or NAVETTE_CHROMIUM / NAVETTE_CHROMEDRIVER): " + what + " is skipped");
  }

  /**
   * Starts the driver and a headless browser whose window is this size, its profile in this (fresh) directory.
   * Skips the test class where Chromium is absent, for callers that did not {@link #assumeInstalled} first.
   */
  static HeadlessChromium start(Path profile, int width, int height, String... extraArguments) throws IOException {
    assumeInstalled("this browser test");
    ChromeDriverService.Builder driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort();
    String libs = System.getenv("NAVETTE_CHROMIUM_LIBS");
    if (libs != null) {
      driver.withEnvironment(Map.of("LD_LIBRARY_PATH", libs));
    }
    ChromeDriverService service = driver.build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createDirectories(profile));
    options.addArguments(extraArguments); // e.g. --autoplay-policy=no-user-gesture-required for a page's sounds
    try {
      return new HeadlessChromium(service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  WebDriver browser() {
    return browser;
  }

  /** Waits up to 30 s, stale elements ignored. */
  WebDriverWait await() {
    return wait;
  }

  /** Runs a script in the page (JavascriptExecutor.executeScript). */
  Object script(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** The page as on a screen of this size exactly (not the window's outer size), e.g. the Pi's 7" 800×480. */
  void screen(int width, int height) {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Back to the window's own size after {@link #screen}. */
  void fullScreen() {
    browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Saves what the browser shows as target/screenshots/{name}.png ({@code .png} added if missing). */
  Path screenshot(String name) {
    try {
      Path file = Files.createDirectories(SCREENSHOTS).resolve(name.endsWith(".png") ? name : name + ".png");
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      browser.quit();
    } finally {
      service.stop();
    }
  }
}
