package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The instance's own state for operators and load balancers: {@code /health/stats} on the admin port,
 * the probes on the proxy port, and the JVM's and process's meters in {@code /metrics}.
 */
class HealthEndpointsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void stats_report_uptime_requests_keys_records_and_backends_without_a_credential() throws Exception {
    try (GatewayHarness h = GatewayHarness.standard()) {
      HttpResponse<String> served = h.post("/v1/chat/completions", chat("gpt-test"));
      assertThat(served.statusCode()).isEqualTo(200);
      h.record(served); // counted once recorded, after the answer
      h.clock.advance(Duration.ofSeconds(90));

      HttpResponse<String> r = plain(h, h.admin("/health/stats"), "GET");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode s = JSON.readTree(r.body());
      assertThat(s.path("status").asText()).isEqualTo("ok");
      assertThat(s.path("uptime_seconds").asLong()).isEqualTo(90);
      assertThat(s.path("requests").path("served").asLong()).isEqualTo(1);
      assertThat(s.path("requests").path("in_flight").asInt()).isZero();
      JsonNode keys = s.path("provider_keys");
      assertThat(keys.path("total").asInt()).isEqualTo(4);
      assertThat(keys.path("by_state").path("healthy").asInt()).isEqualTo(4);
      assertThat(keys.path("by_state").path("banned").asInt()).isZero();
      assertThat(keys.path("by_state").path("balance_exhausted").asInt()).isZero();
      JsonNode records = s.path("request_records");
      assertThat(records.path("state").asText()).isEqualTo("up");
      assertThat(records.has("pending")).isTrue();
      assertThat(records.path("journaled").asLong()).isZero();
      assertThat(s.path("database").asText()).isEqualTo("up");
      assertThat(s.path("quotas").asText()).isEqualTo("local");
    }
  }

  @Test
  void the_proxy_port_answers_health_and_readiness_before_authentication() throws Exception {
    try (GatewayHarness h = GatewayHarness.standard()) {
      HttpResponse<String> live = plain(h, h.proxy("/health"), "GET");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("ok");
      HttpResponse<String> ready = plain(h, h.proxy("/health/ready"), "GET");
      assertThat(ready.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(ready.body());
      assertThat(body.path("status").asText()).isEqualTo("ready");
      assertThat(body.path("checks").path("database").asText()).isEqualTo("up");
      assertThat(plain(h, h.proxy("/health"), "HEAD").statusCode()).isEqualTo(200);
      HttpResponse<String> post = plain(h, h.proxy("/health/ready"), "POST");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
      // Only the exact paths: anything else stays an unknown URL.
      assertThat(plain(h, h.proxy("/health/other"), "GET").statusCode()).isEqualTo(404);
      // A probe is no request: nothing is counted or recorded.
      JsonNode stats = JSON.readTree(plain(h, h.admin("/health/stats"), "GET").body());
      assertThat(stats.path("requests").path("served").asLong()).isZero();
    }
  }

  @Test
  void the_proxy_probe_path_is_configurable_and_can_be_turned_off() throws Exception {
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD, GatewayHarness.Storage.SQLITE,
        Map.of("KEYPOOL__LISTENERS__PROXY__HEALTH_PATH", "/lb/alive"))) {
      assertThat(plain(h, h.proxy("/lb/alive"), "GET").statusCode()).isEqualTo(200);
      assertThat(plain(h, h.proxy("/lb/alive/ready"), "GET").statusCode()).isEqualTo(200);
      assertThat(plain(h, h.proxy("/health"), "GET").statusCode()).isEqualTo(404);
    }
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD, GatewayHarness.Storage.SQLITE,
        Map.of("KEYPOOL__LISTENERS__PROXY__HEALTH_PATH", ""))) {
      HttpResponse<String> off = plain(h, h.proxy("/health"), "GET");
      assertThat(off.statusCode()).isEqualTo(404);
      assertThat(off.body()).contains("unknown_url");
    }
  }

  @Test
  void metrics_include_the_jvm_and_the_process() throws Exception {
    try (GatewayHarness h = GatewayHarness.standard()) {
      String metrics = plain(h, h.admin("/metrics"), "GET").body();
      assertThat(metrics).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
          "system_cpu_count", "process_uptime_seconds", "process_start_time_seconds", "process_files_open_files");
    }
  }

  private static HttpResponse<String> plain(GatewayHarness h, java.net.URI uri, String method) throws Exception {
    var request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return h.http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
