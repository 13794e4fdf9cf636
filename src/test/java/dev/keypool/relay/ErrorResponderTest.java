package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.provider.WireFormat;
import dev.keypool.provider.anthropic.AnthropicWire;
import dev.keypool.provider.gemini.GeminiWire;
import dev.keypool.provider.openai.OpenAiWire;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An unexpected failure (a bug) as the client sees it: a 500 in the endpoint's error shape that says
 * no more than "internal error" and the request id, while the exception and its stack go to the log
 * once. Served by a real HTTP server whose handler fails the way a stage would.
 */
class ErrorResponderTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Vertx vertx;
  HttpServer server;
  volatile WireFormat format;
  ListAppender<ILoggingEvent> logged = new ListAppender<>();
  Logger logger = (Logger) LoggerFactory.getLogger(ErrorResponder.class);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> ErrorResponder.respond(request, format, "req-42",
        new IllegalStateException("java.lang.NullPointerException: secret detail at dev.keypool.relay.Foo")));
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stop() throws Exception {
    logger.detachAppender(logged);
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  HttpResponse<String> call(WireFormat wire) throws Exception {
    format = wire;
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_internal_error_is_a_500_in_words_in_each_format_and_its_cause_is_logged_once_per_request() throws Exception {
    for (WireFormat wire : List.of(new OpenAiWire(), new AnthropicWire(), new GeminiWire())) {
      HttpResponse<String> r = call(wire);

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.headers().firstValue("x-keypool-request-id")).hasValue("req-42");
      assertThat(r.body()).doesNotContain("Exception", "java.", "dev.keypool", "secret detail");
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("message").asText()).contains("request id req-42");
      switch (wire.id()) {
        case OPENAI -> assertThat(error.path("type").asText()).isEqualTo("server_error");
        case ANTHROPIC -> assertThat(error.path("type").asText()).isEqualTo("api_error");
        case GEMINI -> assertThat(error.path("status").asText()).isEqualTo("INTERNAL");
      }
    }
    assertThat(logged.list).hasSize(3).allSatisfy(e -> {
      assertThat(e.getFormattedMessage()).contains("req-42");
      assertThat(e.getThrowableProxy().getMessage()).contains("secret detail");
    });
  }
}
