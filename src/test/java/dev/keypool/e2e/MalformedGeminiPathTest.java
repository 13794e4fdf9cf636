package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Gemini path whose model is not valid percent-encoding (found by fuzzing the path parser) is not a
 * Gemini call: a 404 in Gemini's error shape, never a 500. Raw sockets, since a well-behaved HTTP client
 * refuses to send such a path.
 */
class MalformedGeminiPathTest {
  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void aBrokenPercentEscapeInTheModelIsANotFoundInGeminisShape() throws Exception {
    for (String model : new String[] {"%zz", "gemini%2", "models%2+Fgemini", "%"}) {
      String response = post("/v1beta/models/" + model + ":generateContent");

      assertThat(response).as(model).startsWith("HTTP/1.1 404 ");
      JsonNode error = new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("error");
      assertThat(error.path("code").asInt()).as(model).isEqualTo(404);
      assertThat(error.path("status").asText()).as(model).isEqualTo("NOT_FOUND");
    }
  }

  private static String post(String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", h.gateway.proxyPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "x-goog-api-key: " + GatewayHarness.CLIENT_KEY + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
