package dev.keypool.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's Chromium and its chromedriver, which browser tests run: the Debian packages'
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, else the first on PATH, unless
 * KEYPOOL_CHROMIUM / KEYPOOL_CHROMEDRIVER name others. Nothing is ever downloaded. When either is
 * missing the test fails, since a silently skipped browser test is an untested console;
 * KEYPOOL_SKIP_BROWSER=1 skips instead, loudly (the policy of {@link TestPostgres}).
 */
record SystemChromium(Path chromium, Path chromedriver) {
  static final String INSTALL = "apt-get install -y chromium chromium-driver";
  // Selenium's CDP bindings lag Chromium's versions and warn about it at every start; the harness reads
  // chromedriver's performance log instead and never uses them. (Held here: JUL keeps loggers weakly.)
  private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
  }

  /** Both binaries, or the test aborted (KEYPOOL_SKIP_BROWSER=1) or failed with how to install them. */
  static SystemChromium require() {
    Optional<Path> chromium = find("KEYPOOL_CHROMIUM", "chromium", "chromium-browser");
    Optional<Path> driver = find("KEYPOOL_CHROMEDRIVER", "chromedriver");
    if (chromium.isPresent() && driver.isPresent()) {
      return new SystemChromium(chromium.get(), driver.get());
    }
    String msg = "no browser for the browser tests: "
        + (chromium.isPresent() ? "" : "Chromium not found (" + where("KEYPOOL_CHROMIUM", "chromium") + ") ")
        + (driver.isPresent() ? "" : "chromedriver not found (" + where("KEYPOOL_CHROMEDRIVER", "chromedriver") + ")");
    if ("1".equals(System.getenv("KEYPOOL_SKIP_BROWSER"))) {
      System.err.println("WARNING ********** SKIPPING BROWSER TESTS (KEYPOOL_SKIP_BROWSER=1): " + msg);
      Assumptions.abort("KEYPOOL_SKIP_BROWSER=1: " + msg);
    }
    throw new AssertionError(msg + "\n  Install them (Debian/Ubuntu: " + INSTALL + "), point KEYPOOL_CHROMIUM and "
        + "KEYPOOL_CHROMEDRIVER at others, or set KEYPOOL_SKIP_BROWSER=1 to skip these tests.");
  }

  /** Starts a headless Chromium on the fresh profile directory {@code profile}. */
  ChromeDriver launch(Path profile) {
    // The driver given here is the one used: Selenium Manager (which would download one) never runs.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    try {
      return new ChromeDriver(service, options(profile));
    } catch (RuntimeException e) {
      throw new AssertionError("could not start " + chromium + " through " + chromedriver
          + " (are the two of the same version? " + INSTALL + ")", e);
    }
  }

  private ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
        "--user-data-dir=" + profile, "--window-size=1280,900",
        // Only this machine resolves: a page that reaches for a CDN or a font service fails visibly.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    return options;
  }

  /** The override named by {@code env} when set, else /usr/bin/NAME, else NAME on PATH; executable. */
  private static Optional<Path> find(String env, String... names) {
    String override = System.getenv(env);
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override)).filter(Files::isExecutable);
    }
    List<Path> candidates = new ArrayList<>();
    for (String name : names) {
      candidates.add(Path.of("/usr/bin", name));
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      for (String name : names) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static String where(String env, String name) {
    String override = System.getenv(env);
    return override != null && !override.isBlank() ? env + "=" + override + " is not executable"
        : "looked in /usr/bin and PATH for " + name + "; " + env + " may name it";
  }
}
