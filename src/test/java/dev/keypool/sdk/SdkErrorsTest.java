package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.ErrorType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateway and upstream errors as the official SDKs see them: typed exceptions, parsed codes, no silent truncation. */
class SdkErrorsTest extends SdkGateway {
  @BeforeEach
  void pastCooldowns() {
    h.clock.advance(Duration.ofHours(1)); // past any cooldown an earlier test left on the keys
  }

  @Test
  void openai_sdk_sees_429_then_a_503_no_available_key_when_every_key_is_rate_limited() {
    h.upstream.defaultReply(Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(20)));

    OpenAIServiceException first = catchThrowableOfType(OpenAIServiceException.class,
        () -> SdkCalls.openAiPlain(openai, "gpt-test", Map.of()));
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.code()).hasValue("rate_limit_exceeded");

    OpenAIServiceException second = catchThrowableOfType(OpenAIServiceException.class,
        () -> SdkCalls.openAiStreamed(openai, "gpt-test", Map.of()));
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.code()).hasValue("no_available_key");
    assertThat(second.headers().values("retry-after")).containsExactly("20");
    assertThat(h.upstream.requests()).hasSize(2);
  }

  @Test
  void anthropic_sdk_sees_429_then_a_503_when_every_key_is_rate_limited() {
    h.upstream.defaultReply(Replies.rateLimited(WireFormat.ANTHROPIC, Duration.ofSeconds(20)));

    AnthropicServiceException first = catchThrowableOfType(AnthropicServiceException.class,
        () -> SdkCalls.anthropicPlain(anthropic, "claude-test", Map.of()));
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.errorType()).hasValue(ErrorType.RATE_LIMIT_ERROR);

    AnthropicServiceException second = catchThrowableOfType(AnthropicServiceException.class,
        () -> SdkCalls.anthropicStreamed(anthropic, "claude-test", Map.of()));
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.apiMessage()).isPresent();
    assertThat(second.headers().values("retry-after")).containsExactly("20");
    assertThat(h.upstream.requests()).hasSize(2);
  }

  @Test
  void caller_errors_reach_both_sdks_with_the_upstream_code() {
    h.upstream.script("sk-a", Replies.openAiError(400, "invalid_request_error", "context_length_exceeded", "too long"));
    h.upstream.script("sk-b", Replies.openAiError(400, "invalid_request_error", "context_length_exceeded", "too long"));
    h.upstream.defaultReply(Replies.anthropicError(400, "invalid_request_error", "max_tokens: too large"));

    OpenAIServiceException o = catchThrowableOfType(OpenAIServiceException.class,
        () -> SdkCalls.openAiPlain(openai, "gpt-test", Map.of()));
    assertThat(o.statusCode()).isEqualTo(400);
    assertThat(o.code()).hasValue("context_length_exceeded");

    AnthropicServiceException a = catchThrowableOfType(AnthropicServiceException.class,
        () -> SdkCalls.anthropicPlain(anthropic, "claude-test", Map.of()));
    assertThat(a.statusCode()).isEqualTo(400);
    assertThat(a.errorType()).hasValue(ErrorType.INVALID_REQUEST_ERROR);
    assertThat(a.apiMessage()).hasValue("max_tokens: too large");
  }

  @Test
  void openai_sdk_raises_instead_of_returning_a_stream_cut_mid_way() {
    h.upstream.defaultReply(Replies.openAiStream("one", "two", "three", "four").cutAfterEvents(2));

    com.openai.errors.SseException thrown = catchThrowableOfType(com.openai.errors.SseException.class,
        () -> SdkCalls.openAiStreamed(openai, "gpt-test", Map.of()));

    assertThat(thrown).as("a truncated answer must not look complete").isNotNull();
    assertThat(thrown.getMessage()).contains("stream was interrupted");
    assertThat(h.upstream.requests()).as("not retried once events were relayed").hasSize(1);
  }

  @Test
  void anthropic_sdk_raises_instead_of_returning_a_stream_cut_mid_way() {
    h.upstream.defaultReply(Replies.anthropicStream("one", "two", "three", "four").cutAfterEvents(4));

    com.anthropic.errors.SseException thrown = catchThrowableOfType(com.anthropic.errors.SseException.class,
        () -> SdkCalls.anthropicStreamed(anthropic, "claude-test", Map.of()));

    assertThat(thrown).as("a truncated answer must not look complete").isNotNull();
    assertThat(thrown.getMessage()).contains("api_error", "stream was interrupted");
    assertThat(h.upstream.requests()).as("not retried once events were relayed").hasSize(1);
  }

  @Test
  void both_sdks_get_401_for_an_unknown_gateway_key() {
    String port = Integer.toString(h.gateway.proxyPort());
    OpenAIClient badOpenAi = OpenAIOkHttpClient.builder().apiKey("ak_unknown").maxRetries(0)
        .baseUrl("http://127.0.0.1:" + port + "/v1").build();
    AnthropicClient badAnthropic = AnthropicOkHttpClient.builder().apiKey("ak_unknown").maxRetries(0)
        .baseUrl("http://127.0.0.1:" + port).build();
    try {
      assertThat(catchThrowableOfType(OpenAIServiceException.class,
          () -> SdkCalls.openAiPlain(badOpenAi, "gpt-test", Map.of())).statusCode()).isEqualTo(401);
      AnthropicServiceException a = catchThrowableOfType(AnthropicServiceException.class,
          () -> SdkCalls.anthropicPlain(badAnthropic, "claude-test", Map.of()));
      assertThat(a.statusCode()).isEqualTo(401);
      assertThat(a.errorType()).hasValue(ErrorType.AUTHENTICATION_ERROR);
    } finally {
      badOpenAi.close();
      badAnthropic.close();
    }
    assertThat(h.upstream.requests()).isEmpty();
  }
}
