package dev.keypool.e2e;

import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import dev.keypool.server.Gateway;
import dev.keypool.server.Quotas;
import dev.keypool.testkit.FakeUpstream;
import dev.keypool.testkit.LoopWatchdog;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestPostgres;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The real gateway on free ports, over a real SQLite file, in front of a {@link FakeUpstream}, with
 * a {@link ManualClock}. The configuration is YAML run through the real loader; {@code UPSTREAM} in
 * it stands for the fake upstream's base URL, {@code GEMINI_UPSTREAM} for its root (a Gemini base URL).
 */
public final class GatewayHarness implements AutoCloseable {
  public static final String CLIENT_KEY = "ak_" + "Client0123456789".repeat(4);
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
  /** The drain deadline of {@link #close} and {@link #restart}. */
  private static final Duration TEST_DRAIN = Duration.ofSeconds(1);

  /** Two OpenAI keys, two Anthropic keys, one route each plus an embeddings route. */
  public static final String STANDARD = """
      providers:
        - id: openai
          format: openai
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys:
            - { name: a, secret: sk-a }
            - { name: b, secret: sk-b }
        - id: anthropic
          format: anthropic
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys:
            - { name: a, secret: ant-a }
            - { name: b, secret: ant-b }
      models:
        - { id: gpt-test, candidates: [ { provider: openai, model: gpt-upstream } ] }
        - { id: claude-test, candidates: [ { provider: anthropic, model: claude-upstream } ] }
        - { id: embed-test, candidates: [ { provider: openai } ] }
        - { id: cross-test, candidates: [ { provider: anthropic, model: claude-upstream } ] }
      """;

  /** {@link #STANDARD} plus a Gemini provider (keys gk-a, gk-b) and its route {@code gemini-test}. */
  public static final String WITH_GEMINI = STANDARD.replace("models:\n", """
        - id: gemini
          format: gemini
          base_url: GEMINI_UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys:
            - { name: a, secret: gk-a }
            - { name: b, secret: gk-b }
      models:
        - { id: gemini-test, candidates: [ { provider: gemini, model: gemini-upstream } ] }
      """) + """
      prices:
        gemini-upstream: { input: 1.00, output: 4.00, cache_read: 0.25 }
      """;
  /** Where the gateway keeps its state. */
  public enum Storage { SQLITE, POSTGRES }

  public final FakeUpstream upstream;
  public final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
  public Gateway gateway;
  /** The gateway's event loops, for tests that run work on them. */
  public Vertx loops;
  /** Every Vertx the gateway built: the proxy's loops first, then the admin port's. */
  private final java.util.List<Vertx> allLoops = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final GatewayConfig config;
  private final String pgSchema;
  private final boolean ownsSchema;
  public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final Path dir;

  private final Quotas.Extensions extensions;
  /** The file the configuration is loaded from ({@link #fromFile}), else null. */
  private final Path configFile;
  /** The sections the harness writes before the test's YAML: listeners, storage, admin, gateway keys. */
  private final String configHeader;
  private final Map<String, String> environment;

  private GatewayHarness(String yaml, Storage storage) throws Exception {
    this(yaml, storage, "", null);
  }

  /** {@code adminFields}: more fields of the {@code admin} section, e.g. {@code ", password: xyz"}. */
  private GatewayHarness(String yaml, Storage storage, String adminFields, Quotas.Extensions extensions)
      throws Exception {
    this(yaml, storage, adminFields, extensions, Map.of());
  }

  private GatewayHarness(String yaml, Storage storage, String adminFields, Quotas.Extensions extensions,
      Map<String, String> env) throws Exception {
    this(yaml, storage == Storage.POSTGRES ? TestPostgres.newSchema() : null, true, adminFields, extensions, env);
  }

  /**
   * {@code pgSchema}: the PostgreSQL schema to use (null for SQLite), dropped at close if {@code ownsSchema};
   * {@code env}: the environment the configuration is loaded with ({@code ${VAR}}, {@code KEYPOOL__...});
   * {@code UPSTREAM} in its values as in the YAML.
   */
  private GatewayHarness(String yaml, String pgSchema, boolean ownsSchema, String adminFields,
      Quotas.Extensions extensions, Map<String, String> env) throws Exception {
    this(yaml, pgSchema, ownsSchema, adminFields, extensions, env, false);
  }

  /** {@code fromFile}: the configuration is written to a file and loaded from it, so it can be reloaded. */
  private GatewayHarness(String yaml, String pgSchema, boolean ownsSchema, String adminFields,
      Quotas.Extensions extensions, Map<String, String> env, boolean fromFile) throws Exception {
    this.extensions = extensions;
    dir = Files.createTempDirectory("keypool-e2e");
    this.pgSchema = pgSchema;
    this.ownsSchema = ownsSchema;
    upstream = FakeUpstream.start();
    try {
      String storageYaml = pgSchema == null
          ? "storage: { url: \"jdbc:sqlite:%s\" }".formatted(dir.resolve("keypool.db"))
          : "storage: { url: \"%s\", user: %s }".formatted(TestPostgres.url(pgSchema), TestPostgres.USER);
      String full = """
          listeners: { proxy: { host: 127.0.0.1, port: 0 }, admin: { host: 127.0.0.1, port: 0 } }
          %s
          admin: { token: %s%s }
          gateway_keys: [ { name: test, key: %s } ]
          """.formatted(storageYaml, ADMIN_TOKEN, adminFields, CLIENT_KEY);
      Map<String, String> environment = new java.util.HashMap<>(env);
      environment.replaceAll((name, value) -> upstreamUrls(value));
      this.environment = Map.copyOf(environment);
      configHeader = full;
      configFile = fromFile ? dir.resolve("keypool.yaml") : null;
      if (fromFile) {
        Files.writeString(configFile, full + upstreamUrls(yaml));
        config = ConfigLoader.load(configFile, this.environment);
      } else {
        config = ConfigLoader.parse(full + upstreamUrls(yaml), this.environment);
      }
      gateway = startGateway();
    } catch (Exception | Error e) {
      upstream.close();
      throw e;
    }
  }

  private String upstreamUrls(String text) {
    return text.replace("GEMINI_UPSTREAM", upstream.rootUrl()).replace("UPSTREAM", upstream.baseUrl());
  }

  /** A gateway whose configuration is loaded with environment variables {@code env} (e.g. {@code KEYPOOL__...} overrides). */
  public static GatewayHarness start(String yaml, Storage storage, Map<String, String> env) throws Exception {
    return new GatewayHarness(yaml, storage == Storage.POSTGRES ? TestPostgres.newSchema() : null, true, "", null, env);
  }

  public static GatewayHarness start(String yaml) throws Exception {
    return new GatewayHarness(yaml, Storage.SQLITE);
  }

  public static GatewayHarness start(String yaml, Storage storage) throws Exception {
    return new GatewayHarness(yaml, storage);
  }

  /** The standard setup with extra fields in the {@code admin} section (after the static token). */
  public static GatewayHarness withAdmin(String adminFields, Storage storage) throws Exception {
    return new GatewayHarness(STANDARD, storage, adminFields, null);
  }

  /** Stops the gateway and starts a new one on the same configuration and database, as after a restart. */
  public void restart() throws Exception {
    closeGateway();
    gateway = startGateway();
  }

  /** The gateway on loops the {@link LoopWatchdog} watches once it has started; {@link #loops} is their Vertx. */
  private Gateway startGateway() throws Exception {
    allLoops.clear();
    Gateway started = Gateway.start(config, clock, extensions, options -> {
      Vertx built = LoopWatchdog.vertx(options);
      allLoops.add(built);
      return built;
    });
    loops = allLoops.getFirst();
    allLoops.forEach(LoopWatchdog::watch);
    if (configFile != null) {
      started.reloadFrom(dev.keypool.reload.ConfigSource.file(configFile, environment));
    }
    return started;
  }

  /**
   * Closes the gateway on another thread, as a shutdown hook does, and returns at once; the future
   * completes when {@link Gateway#close} returned. A later {@link #close} finds it closed.
   */
  public java.util.concurrent.CompletableFuture<Void> closeGatewayInBackground() {
    return java.util.concurrent.CompletableFuture.runAsync(() -> {
      allLoops.forEach(LoopWatchdog::stopWatching);
      gateway.close();
    }, runnable -> new Thread(runnable, "test-gateway-close").start());
  }

  /**
   * Closes with a short drain: a test that ends with a request still in flight (a hanging upstream, a
   * client that stopped reading) does not wait out the configured deadline.
   */
  private void closeGateway() {
    allLoops.forEach(LoopWatchdog::stopWatching);
    gateway.close(TEST_DRAIN);
  }

  /**
   * One of several instances sharing the PostgreSQL schema {@code pgSchema} (created and dropped by the
   * caller), with extra fields in the {@code admin} section.
   */
  public static GatewayHarness sharing(String yaml, String pgSchema, String adminFields) throws Exception {
    return new GatewayHarness(yaml, pgSchema, false, adminFields, null, Map.of());
  }

  /** {@code yaml} loaded with the environment {@code env}, with extra fields in the {@code admin} section. */
  public static GatewayHarness withEnv(String yaml, Storage storage, String adminFields, Map<String, String> env)
      throws Exception {
    return new GatewayHarness(yaml, storage, adminFields, null, env);
  }

  /**
   * A gateway whose configuration is read from a file on disk, so that {@link #writeConfig} then
   * {@code POST /api/config/reload} (or {@link Gateway#reloadFrom}'s reload) changes it at run time.
   */
  public static GatewayHarness fromFile(String yaml) throws Exception {
    return fromFile(yaml, "");
  }

  /** {@link #fromFile(String)} with extra fields in the {@code admin} section (after the static token). */
  public static GatewayHarness fromFile(String yaml, String adminFields) throws Exception {
    return new GatewayHarness(yaml, null, true, adminFields, null, Map.of(), true);
  }

  /**
   * Replaces the configuration file of a {@link #fromFile} gateway: the harness's own sections, then
   * {@code yaml} ({@code UPSTREAM} replaced as at start).
   */
  public void writeConfig(String yaml) throws IOException {
    writeRawConfig(configHeader + upstreamUrls(yaml));
  }

  /** Replaces the whole configuration file of a {@link #fromFile} gateway with {@code text}, as it is. */
  public void writeRawConfig(String text) throws IOException {
    if (configFile == null) {
      throw new IllegalStateException("this gateway was not started from a file (use fromFile)");
    }
    Files.writeString(configFile, text);
  }

  /** The sections the harness writes before a test's YAML (listeners, storage, admin, gateway keys). */
  public String configHeader() {
    return configHeader;
  }

  /** A gateway whose keys have owners and prepaid balances (the user store's extension point). */
  public static GatewayHarness start(String yaml, Quotas.Extensions extensions) throws Exception {
    return new GatewayHarness(yaml, Storage.SQLITE, "", extensions);
  }

  /** The id of the client key {@link #CLIENT_KEY} (as limits and records name it). */
  public String clientKeyId() {
    return keyId(CLIENT_KEY);
  }

  /** The id of a gateway key, from its secret. */
  public String keyId(String secret) {
    return gateway.gatewayKeys().lookup(secret).id();
  }

  /** GETs a proxy path with the client key, plus extra header pairs. */
  public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(proxy(path)).timeout(Duration.ofSeconds(20))
        .header("authorization", "Bearer " + CLIENT_KEY).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Streams {@code body} from /v1/chat/completions on a raw socket and disconnects as soon as the
   * response holds {@code marker} {@code times} times; returns what was read (status line included).
   */
  public String streamThenDisconnect(String body, String marker, int times) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.proxyPort())) {
      var out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + CLIENT_KEY + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      var in = socket.getInputStream();
      String seen = "";
      byte[] buf = new byte[4096];
      while (seen.split(java.util.regex.Pattern.quote(marker), -1).length <= times) {
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("stream ended before " + times + " x '" + marker + "': " + seen);
        }
        seen += new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
      }
      return seen;
    }
  }

  public static GatewayHarness standard() throws Exception {
    return new GatewayHarness(STANDARD, Storage.SQLITE);
  }

  /** A connection to this harness's database, for tests that inspect what is stored. */
  public java.sql.Connection database() throws java.sql.SQLException {
    return pgSchema == null
        ? java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("keypool.db"))
        : java.sql.DriverManager.getConnection(TestPostgres.url(pgSchema), TestPostgres.USER, TestPostgres.PASSWORD);
  }

  public URI proxy(String path) {
    return URI.create("http://127.0.0.1:" + gateway.proxyPort() + path);
  }

  /** The admin port's {@code /metrics} text; fails the calling test (unchecked) when it cannot be read. */
  public String metrics() {
    try {
      return http.send(java.net.http.HttpRequest.newBuilder(admin("/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("GET /metrics failed", e);
    }
  }

  public URI admin(String path) {
    return URI.create("http://127.0.0.1:" + gateway.adminPort() + path);
  }

  /** POSTs JSON to the proxy with the client key as a bearer token, plus extra header pairs. */
  public HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(proxy(path)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + CLIENT_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs JSON to the proxy with exactly the given headers (no client key unless given). */
  public HttpResponse<String> postRaw(String path, String json, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(proxy(path)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> adminCall(String method, String path, String json) throws IOException, InterruptedException {
    return adminCallAs(ADMIN_TOKEN, method, path, json);
  }

  /** An admin API call with {@code token} as the bearer credential (none when null). */
  public HttpResponse<String> adminCallAs(String token, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(admin(path)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Creates the admin user {@code val} with the role viewer and logs in as it; returns the session token. */
  public String viewerToken() throws IOException, InterruptedException {
    HttpResponse<String> created = adminCall("POST", "/api/admin-users",
        "{\"username\":\"val\",\"password\":\"viewer-pass-1\",\"role\":\"viewer\"}");
    if (created.statusCode() != 201) {
      throw new IllegalStateException("viewer not created: " + created.body());
    }
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(admin("/api/auth/login"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"val\",\"password\":\"viewer-pass-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).path("token").asText();
  }

  /** The request record of a proxied response (by its {@code x-keypool-request-id}), once it is written. */
  public com.fasterxml.jackson.databind.JsonNode record(HttpResponse<String> response) throws Exception {
    String id = response.headers().firstValue("x-keypool-request-id").orElseThrow();
    HttpResponse<String>[] last = new HttpResponse[1];
    dev.keypool.testkit.Poll.until("record " + id + " written", Duration.ofSeconds(5), () -> {
      try {
        last[0] = adminCall("GET", "/api/requests/" + id, null);
        return last[0].statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(last[0].body());
  }

  /**
   * How this instance's key pool is shared, as {@code /health/ready} says: {@code redis},
   * {@code local-fallback} or {@code local}; the error's text when the admin port does not answer.
   */
  public String keyPoolSharing() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin("/health/ready")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("checks").path("key_pool")
          .asText();
    } catch (Exception e) {
      return e.toString();
    }
  }

  public static String chat(String model) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  public static String chatStream(String model) {
    return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  public static String message(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  public static String messageStream(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  @Override
  public void close() throws Exception {
    try {
      closeGateway();
    } finally {
      upstream.close();
      if (pgSchema != null && ownsSchema) {
        TestPostgres.drop(pgSchema);
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
