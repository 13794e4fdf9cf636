package dev.keypool.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.openqa.selenium.logging.LogEntry;

/**
 * What a page did while a test watched it, read from chromedriver's logs: every request URL and every
 * failed request (from the performance log, which carries the DevTools Network events whatever
 * Chromium's version) and every console error, CSP violations included (from the browser log).
 * {@link #problems()} lists what makes a page unclean, minus the failures a test declared expected.
 */
final class BrowserRecord {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
  private static final Set<String> LOCAL_SCHEMES = Set.of("data", "blob", "about");

  private record Expected(int status, String urlPart) {
    boolean excuses(FailedRequest f) {
      return f.status() == status && f.url().contains(urlPart);
    }

    /** Chromium logs each failed resource to the console too: "URL - Failed to load resource: ... status of 401". */
    boolean excuses(String console) {
      return console.contains(urlPart) && console.contains("status of " + status + " ");
    }
  }

  private final Map<String, String> methods = new HashMap<>();
  private final Map<String, String> urls = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final List<String> requested = new ArrayList<>();
  private final List<FailedRequest> failures = new ArrayList<>();
  private final List<String> consoleErrors = new ArrayList<>();
  private final List<Expected> expectedFailedRequests = new ArrayList<>();
  private final List<String> expectedConsole = new ArrayList<>();

  synchronized void performance(Iterable<LogEntry> entries) {
    for (LogEntry entry : entries) {
      JsonNode message = read(entry.getMessage()).path("message");
      network(message.path("method").asText(), message.path("params"));
    }
  }

  synchronized void console(Iterable<LogEntry> entries) {
    for (LogEntry entry : entries) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        consoleErrors.add(entry.getMessage());
      }
    }
  }

  private void network(String event, JsonNode params) {
    String id = params.path("requestId").asText();
    switch (event) {
      case "Network.requestWillBeSent" -> {
        String url = params.path("request").path("url").asText();
        methods.put(id, params.path("request").path("method").asText());
        urls.put(id, url);
        requested.add(url);
        if (!params.path("type").asText().equals("EventSource")) { // a stream that lasts as long as the page
          inFlight.add(id);
        }
      }
      case "Network.loadingFinished" -> inFlight.remove(id);
      case "Network.webSocketCreated" -> requested.add(params.path("url").asText());
      case "Network.responseReceived" -> {
        int status = params.path("response").path("status").asInt();
        if (status >= 400) {
          failures.add(new FailedRequest(methods.getOrDefault(id, "GET"), params.path("response").path("url").asText(), status, ""));
        }
      }
      case "Network.loadingFailed" -> {
        inFlight.remove(id);
        // A request cancelled by leaving the page (an open stream, a fetch still running) did not fail.
        boolean cancelled = params.path("canceled").asBoolean() && params.path("blockedReason").isMissingNode();
        if (!cancelled) {
          String blocked = params.path("blockedReason").asText("");
          failures.add(new FailedRequest(methods.getOrDefault(id, "GET"), urls.getOrDefault(id, "(request " + id + ")"), 0,
              params.path("errorText").asText() + (blocked.isEmpty() ? "" : " (blocked: " + blocked + ")")));
        }
      }
      default -> { }
    }
  }

  /** Requests started and neither finished nor failed yet (event streams left out). */
  synchronized int inFlight() {
    return inFlight.size();
  }

  synchronized void expectFailedRequest(int status, String urlPart) {
    expectedFailedRequests.add(new Expected(status, urlPart));
  }

  synchronized void expectConsoleError(String part) {
    expectedConsole.add(part);
  }

  synchronized List<String> requestUrls() {
    return List.copyOf(requested);
  }

  synchronized List<FailedRequest> failures() {
    return List.copyOf(failures);
  }

  synchronized List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  /** Every unexpected console error and failed request, and every request that left this machine. */
  synchronized List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (String c : consoleErrors) {
      if (expectedFailedRequests.stream().noneMatch(e -> e.excuses(c)) && expectedConsole.stream().noneMatch(c::contains)) {
        problems.add((c.contains("Content Security Policy") ? "CSP violation: " : "console error: ") + c);
      }
    }
    for (FailedRequest f : failures) {
      if (expectedFailedRequests.stream().noneMatch(e -> e.excuses(f))) {
        problems.add("failed request: " + f);
      }
    }
    requested.stream().distinct().filter(u -> !local(u)).forEach(u -> problems.add("request left this machine: " + u));
    return problems;
  }

  /** Forgets what was seen and expected (a new test in the same browser). */
  synchronized void clear() {
    methods.clear();
    urls.clear();
    inFlight.clear();
    requested.clear();
    failures.clear();
    consoleErrors.clear();
    expectedFailedRequests.clear();
    expectedConsole.clear();
  }

  static boolean local(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      return LOCAL_SCHEMES.contains(scheme) || uri.getHost() != null && LOOPBACK.contains(uri.getHost());
    } catch (IllegalArgumentException e) {
      return url.startsWith("data:") || url.startsWith("blob:");
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable performance log entry: " + json, e);
    }
  }
}
