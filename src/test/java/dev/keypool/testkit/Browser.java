package dev.keypool.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for tests of the web console, which records for the whole session every
 * request, failed request and console error, so a test ends with {@link #assertClean()}: no console
 * error or CSP violation, no failed request, no request that left 127.0.0.1/localhost (every other
 * host name is made unresolvable, so nothing reaches the network either way).
 *
 * <pre>{@code
 * try (Browser browser = Browser.start()) {
 *   browser.expectFailure(401, "/api/auth/me");      // the console asks before login, on purpose
 *   browser.open(consoleUrl);
 *   browser.type("#token", "secret").click("button[type=submit]").waitForText("h1", "Keys");
 *   browser.phone().screenshot("keys-phone");
 *   browser.assertClean();
 * }
 * }</pre>
 *
 * A browser takes a second or two to start: share one per test class and {@link #reset()} it between
 * tests ({@link BrowserExtension} does both). Waits are bounded by {@link #WAIT}.
 */
public final class Browser implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(10);
  public static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(50);
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private final ChromeDriver driver;
  private final Path profile;
  private final BrowserRecord record = new BrowserRecord();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts Chromium (or fails/skips the test when there is none: {@link SystemChromium}). */
  public static Browser start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("keypool-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return new Browser(SystemChromium.require().launch(profile), profile);
    } catch (RuntimeException | Error e) {
      deleteTree(profile);
      throw e;
    }
  }

  public Browser open(String url) {
    driver.get(url);
    drain();
    return this;
  }

  /** The first visible element matching {@code css}, waited for. */
  public WebElement waitFor(String css) {
    return await("a visible " + css, ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until an element matching {@code css} contains {@code text}. */
  public Browser waitForText(String css, String text) {
    await("\"" + text + "\" in " + css, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return this;
  }

  /** Waits until {@code condition} holds, e.g. {@code b -> !b.failedRequests().isEmpty()}. */
  public Browser waitUntil(String what, Predicate<Browser> condition) {
    await(what, d -> condition.test(this));
    return this;
  }

  /** Waits until no element matching {@code css} is visible. */
  public Browser waitUntilGone(String css) {
    await("no visible " + css, ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    return this;
  }

  public Browser click(String css) {
    await("a clickable " + css, ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    return this;
  }

  /** Replaces the value of the input matching {@code css} with {@code text}, typed. */
  public Browser type(String css, String text) {
    WebElement input = waitFor(css);
    input.clear();
    input.sendKeys(text);
    return this;
  }

  public String text(String css) {
    return waitFor(css).getText();
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Runs {@code js} in the page ({@code arguments[0]}... are {@code args}) and returns its value. */
  public Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  public Browser windowSize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    return this;
  }

  /** A phone's viewport: 390 CSS pixels wide. */
  public Browser phone() {
    return windowSize(390, 844);
  }

  public Browser desktop() {
    return windowSize(1280, 900);
  }

  /** Saves the visible page as target/screenshots/NAME.png and returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Declares that requests whose URL contains {@code urlPart} may fail with {@code status} (a 401 before
   * login, a 403 a viewer provokes): neither they nor the console lines Chromium logs for them are problems.
   */
  public Browser expectFailure(int status, String urlPart) {
    record.expectFailedRequest(status, urlPart);
    return this;
  }

  /** Declares that console errors containing {@code part} are expected. */
  public Browser expectConsoleError(String part) {
    record.expectConsoleError(part);
    return this;
  }

  /** Every URL the page requested since the start or the last {@link #reset()}. */
  public List<String> requestUrls() {
    drain();
    return record.requestUrls();
  }

  public List<FailedRequest> failedRequests() {
    drain();
    return record.failures();
  }

  public List<String> consoleErrors() {
    drain();
    return record.consoleErrors();
  }

  /** What makes the session unclean so far: unexpected console errors and failed requests, outside requests. */
  public List<String> problems() {
    drain();
    return record.problems();
  }

  /**
   * Fails listing {@link #problems()}, if any. First waits (up to {@link #SETTLE}) for the requests still
   * running to end, so that a request the page just sent is judged too; a stream that outlasts the wait
   * (a fetch read as a stream) is left unjudged.
   */
  public void assertClean() {
    try {
      new WebDriverWait(driver, SETTLE, POLL).until(d -> {
        drain();
        return record.inFlight() == 0;
      });
    } catch (TimeoutException e) {
      // Judge what ended; what still runs is a stream.
    }
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new AssertionError("the browser saw " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }
  }

  /**
   * Drops the page's local and session storage and every cookie, leaves the page, and forgets everything
   * recorded and expected: a fresh test in the same browser.
   */
  public void reset() {
    driver.executeScript("try { localStorage.clear(); sessionStorage.clear(); } catch (e) { }");
    // Through chromedriver's own CDP endpoint, which does not depend on Selenium knowing this Chromium's version.
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.get("about:blank");
    drain();
    record.clear();
  }

  /** The underlying driver, for what the helpers do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private <T> T await(String what, ExpectedCondition<T> condition) {
    try {
      return new WebDriverWait(driver, WAIT, POLL).until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what + " on "
          + driver.getCurrentUrl() + "; the browser saw: " + problems(), e);
    } finally {
      drain();
    }
  }

  /** Moves chromedriver's buffered log entries into the record (reading a log empties it). */
  private void drain() {
    record.performance(driver.manage().logs().get(LogType.PERFORMANCE));
    record.console(driver.manage().logs().get(LogType.BROWSER));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp profile is harmless.
    }
  }
}
