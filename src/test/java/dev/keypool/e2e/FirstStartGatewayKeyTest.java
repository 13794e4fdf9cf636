package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.server.Gateway;
import dev.keypool.testkit.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A fresh install from {@code keypool.example.yaml} with no secret in the environment accepts no key
 * known to anyone: the only gateway key is generated at the first start, logged once, works, and is
 * not generated again at the next start.
 */
class FirstStartGatewayKeyTest {
  static final Pattern LOGGED_KEY = Pattern.compile("created gateway key 'bootstrap' \\(gk_bootstrap\\): (ak_[A-Za-z0-9]{64}) ");
  /** Anything in the repository that could be configured as a gateway key. */
  static final Pattern KEY_LIKE = Pattern.compile("ak_[A-Za-z0-9_\\-]{17,}");

  Path dir;
  Gateway gateway;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger("dev.keypool.server.FirstGatewayKey");

  @BeforeEach
  void capture() throws IOException {
    dir = Files.createTempDirectory("keypool-first-start");
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stop() throws IOException {
    logger.detachAppender(logged);
    if (gateway != null) {
      gateway.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The example file with only its listeners (loopback, free ports) and its database (a temporary file) overridden. */
  Gateway startExample() throws Exception {
    GatewayConfig config = ConfigLoader.load(Path.of("keypool.example.yaml"), Map.of(
        "KEYPOOL__LISTENERS__PROXY__HOST", "127.0.0.1", "KEYPOOL__LISTENERS__PROXY__PORT", "0",
        "KEYPOOL__LISTENERS__ADMIN__PORT", "0",
        "KEYPOOL__STORAGE__URL", "jdbc:sqlite:" + dir.resolve("keypool.db")));
    return Gateway.start(config, new ManualClock(Instant.parse("2026-01-05T10:00:00Z")));
  }

  @Test
  void the_only_key_is_generated_at_the_first_start_logged_once_and_kept() throws Exception {
    gateway = startExample();

    List<String> keys = loggedKeys();
    assertThat(keys).as("logged exactly once").hasSize(1);
    String key = keys.get(0);
    assertThat(storedHashes()).containsExactly(GatewayKeySecrets.hash(key));
    assertThat(models(key).statusCode()).as("the generated key works").isEqualTo(200);

    gateway.close();
    gateway = startExample();

    assertThat(loggedKeys()).as("not generated again").hasSize(1);
    assertThat(storedHashes()).containsExactly(GatewayKeySecrets.hash(key));
    assertThat(models(key).statusCode()).isEqualTo(200);
  }

  @Test
  void no_string_of_the_repository_is_an_accepted_key() throws Exception {
    gateway = startExample();

    Set<String> published = keyLikeStrings(Path.of(""));
    assertThat(published).as("the scan reads the repository").isNotEmpty();
    for (String s : published) {
      assertThat(gateway.gatewayKeys().lookup(s)).as(s).isNull();
    }
  }

  List<String> loggedKeys() {
    List<String> keys = new ArrayList<>();
    for (ILoggingEvent e : logged.list) {
      Matcher m = LOGGED_KEY.matcher(e.getFormattedMessage());
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }

  List<String> storedHashes() throws Exception {
    List<String> hashes = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("keypool.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT key_hash FROM gateway_keys")) {
      while (rs.next()) {
        hashes.add(rs.getString(1));
      }
    }
    return hashes;
  }

  HttpResponse<String> models(String key) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/v1/models"))
        .timeout(Duration.ofSeconds(10)).header("authorization", "Bearer " + key).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every {@code ak_...} string in the repository's text files (build output and VCS data skipped). */
  static Set<String> keyLikeStrings(Path root) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> files = Files.walk(root.toAbsolutePath())) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.toAbsolutePath().relativize(p).toString();
        if (rel.startsWith("target") || rel.startsWith(".git") || rel.startsWith("data") || Files.size(p) > 2_000_000) {
          continue;
        }
        try {
          Matcher m = KEY_LIKE.matcher(Files.readString(p, StandardCharsets.UTF_8));
          while (m.find()) {
            out.add(m.group());
          }
        } catch (MalformedInputException binary) {
          // not text
        }
      }
    }
    return out;
  }
}
