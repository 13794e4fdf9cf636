package dev.keypool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.SseEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh gateway per test on the subclass's configuration, and the JSON chunks of an SSE answer. */
abstract class SseGatewayTest {
  static final ObjectMapper JSON = new ObjectMapper();

  GatewayHarness h;

  abstract String config();

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(config());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  /** The {@code data:} payloads of an SSE body as JSON, without the closing {@code [DONE]}. */
  static List<JsonNode> dataChunks(String body) {
    return SseEvent.parse(body).stream().filter(e -> e.data() != null && !"[DONE]".equals(e.data()))
        .map(e -> read(e.data())).toList();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
