package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Assertions on an error answered by the gateway: its status, the called endpoint's shape, and what it must not say. */
final class ErrorShapes {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Client formats, by the error shape of the endpoint called. */
  enum Shape { OPENAI, ANTHROPIC, GEMINI }

  private ErrorShapes() {}

  /**
   * Asserts {@code r} is an error of {@code status} in {@code shape}'s error body, that names no Java
   * exception or library class, and returns its message.
   */
  static String assertError(HttpResponse<String> r, int status, Shape shape) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertNoInternals(r.body());
    JsonNode root = JSON.readTree(r.body());
    JsonNode error = root.path("error");
    switch (shape) {
      case OPENAI -> assertThat(error.path("type").isTextual()).as(r.body()).isTrue();
      case ANTHROPIC -> {
        assertThat(root.path("type").asText()).as(r.body()).isEqualTo("error");
        assertThat(error.path("type").isTextual()).as(r.body()).isTrue();
      }
      case GEMINI -> {
        assertThat(error.path("code").asInt()).as(r.body()).isEqualTo(status);
        assertThat(error.path("status").isTextual()).as(r.body()).isTrue();
      }
    }
    assertThat(error.path("message").asText()).as(r.body()).isNotBlank();
    return error.path("message").asText();
  }

  /** Asserts that {@code text} names no Java exception, JDK or Netty class. */
  static void assertNoInternals(String text) {
    assertThat(text).doesNotContain("Exception", "io.netty", "java.", "io.vertx", "dev.keypool", "\tat ");
  }
}
