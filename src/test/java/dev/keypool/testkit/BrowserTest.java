package dev.keypool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser harness itself, on tiny pages served on 127.0.0.1: what makes a page clean or not. */
class BrowserTest {
  private static final String IMPORT_MAP = "{\"imports\": {\"greeting\": \"/greeting.js\"}}";
  private static final String DONE = "document.body.insertAdjacentHTML('beforeend', '<p id=\"done\">done</p>');";

  @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

  private static Vertx vertx;
  private static String base;

  @BeforeAll
  static void serve() throws Exception {
    vertx = Vertx.vertx();
    Map<String, String> files = files(
        "/clean.html", page("<script type=\"importmap\">" + IMPORT_MAP + "</script>"
            + "<script type=\"module\" src=\"/app.js\"></script>"),
        "/app.js", "import { greet } from 'greeting'; document.querySelector('#out').textContent = greet(); " + DONE,
        "/greeting.js", "export function greet() { return 'hello from a module'; }",
        "/console-error.html", page("<script src=\"/console-error.js\"></script>"),
        "/console-error.js", "console.error('something broke'); " + DONE,
        "/failed-fetch.html", page("<script src=\"/failed-fetch.js\"></script>"),
        "/failed-fetch.js", "fetch('/api/me').then(r => { " + DONE + " });",
        "/outside.html", page("<script src=\"/outside.js\"></script>"),
        "/outside.js", "fetch('http://example.com/x').catch(() => { " + DONE + " });",
        "/inline.html", page("<script>" + DONE + "</script>"),
        "/late.html", page("<script src=\"/late.js\"></script>"),
        "/late.js", DONE + " fetch('/api/slow');",
        "/no-icon.html", "<!doctype html><html><body><p id=done>x</p></body></html>");
    // The outside page's fetch must get past the CSP to show that the browser itself stops it.
    String csp = "default-src 'self'; img-src 'self' data:; connect-src 'self' http://example.com; "
        + "script-src 'self' '" + sha256(IMPORT_MAP) + "'";
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      String body = files.get(req.path());
      if (req.path().equals("/api/slow")) {
        vertx.setTimer(300, t -> req.response().setStatusCode(500).end());
      } else if (req.path().equals("/api/me")) {
        req.response().setStatusCode(401).end("{\"error\":{\"type\":\"unauthorized\",\"message\":\"log in\"}}");
      } else if (body == null) {
        req.response().setStatusCode(404).end("not found");
      } else {
        req.response()
            .putHeader("content-type", (req.path().endsWith(".js") ? "text/javascript" : "text/html") + "; charset=utf-8")
            .putHeader("content-security-policy", csp)
            .end(body);
      }
    });
    base = "http://127.0.0.1:" + server.listen(0, "127.0.0.1").await().actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aModulePageWithAnImportMapUnderItsCspIsClean() {
    Browser b = browser.get().open(base + "/clean.html");
    b.waitForText("#out", "hello from a module").waitFor("#done");
    b.assertClean();
    assertThat(b.requestUrls()).contains(base + "/clean.html", base + "/app.js", base + "/greeting.js");
  }

  @Test
  void aConsoleErrorMakesThePageUnclean() {
    Browser b = browser.get().open(base + "/console-error.html");
    b.waitFor("#done");
    assertThatThrownBy(b::assertClean).hasMessageContaining("console error").hasMessageContaining("something broke");

    b.expectConsoleError("something broke");
    b.assertClean();
  }

  @Test
  void aFailedRequestMakesThePageUncleanUnlessExpected() {
    Browser b = browser.get().open(base + "/failed-fetch.html");
    b.waitFor("#done");
    assertThat(b.failedRequests()).extracting(FailedRequest::status).containsExactly(401);
    assertThatThrownBy(b::assertClean).hasMessageContaining("failed request: GET " + base + "/api/me -> 401");

    b.expectFailure(401, "/api/me");
    b.assertClean();
  }

  @Test
  void aRequestStillRunningIsWaitedForAndJudged() {
    Browser b = browser.get().open(base + "/late.html");
    b.waitFor("#done");
    assertThatThrownBy(b::assertClean).hasMessageContaining("failed request: GET " + base + "/api/slow -> 500");
  }

  @Test
  void aRequestLeavingThisMachineMakesThePageUnclean() {
    Browser b = browser.get().open(base + "/outside.html");
    b.waitFor("#done");
    assertThat(b.failedRequests()).extracting(FailedRequest::error).containsExactly("net::ERR_NAME_NOT_RESOLVED");
    assertThatThrownBy(b::assertClean).hasMessageContaining("request left this machine: http://example.com/x");
  }

  @Test
  void anInlineScriptTheCspRefusesIsACspViolation() {
    Browser b = browser.get().open(base + "/inline.html");
    b.waitFor("#out");
    assertThat(b.all("#done")).isEmpty();
    assertThatThrownBy(b::assertClean).hasMessageContaining("CSP violation");
  }

  @Test
  void aScreenshotIsWrittenAtPhoneWidth() throws Exception {
    Browser b = browser.get().open(base + "/clean.html").phone();
    b.waitFor("#done");
    assertThat(b.script("return window.innerWidth")).isEqualTo(390L);
    Path file = b.screenshot("browser-test-phone");
    assertThat(file).isEqualTo(Browser.SCREENSHOTS.resolve("browser-test-phone.png"));
    assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
    b.desktop();
  }

  @Test
  void theResetForgetsThePreviousPage() {
    Browser b = browser.get().open(base + "/console-error.html");
    b.waitFor("#done");
    b.reset();
    assertThat(b.requestUrls()).isEmpty();
    b.assertClean();
  }

  @Test
  void theSystemDriverIsUsedAndSeleniumManagerNeverRuns() {
    Logger finder = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    List<String> said = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        said.add(r.getMessage());
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    Level before = finder.getLevel();
    finder.setLevel(Level.FINE);
    finder.addHandler(handler);
    try (Browser b = Browser.start()) {
      assertThat(said).anyMatch(m -> m.contains("Skipping Selenium Manager"));
    } finally {
      finder.removeHandler(handler);
      finder.setLevel(before);
    }
  }

  @Test
  void aPageWithoutAnIconFailsOnTheFaviconChromiumAsksFor() {
    Browser b = browser.get().open(base + "/no-icon.html");
    b.waitFor("#done");
    b.waitUntil("the favicon request failed", x -> !x.failedRequests().isEmpty());
    assertThat(b.failedRequests()).extracting(FailedRequest::toString).containsExactly("GET " + base + "/favicon.ico -> 404");
  }

  private static Map<String, String> files(String... pathsAndBodies) {
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < pathsAndBodies.length; i += 2) {
      files.put(pathsAndBodies[i], pathsAndBodies[i + 1]);
    }
    return files;
  }

  private static String page(String scripts) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"></head>"
        + "<body><p id=\"out\">waiting</p>" + scripts + "</body></html>";
  }

  private static String sha256(String inline) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
    return "sha256-" + Base64.getEncoder().encodeToString(hash);
  }
}
