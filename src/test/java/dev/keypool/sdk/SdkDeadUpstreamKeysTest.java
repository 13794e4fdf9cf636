package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.errors.AnthropicServiceException;
import com.openai.errors.OpenAIServiceException;
import dev.keypool.testkit.Replies;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every upstream key rejected, as the official SDKs see it: a server error about the gateway's keys,
 * never the SDK's authentication or permission exception, which would send users looking for a problem
 * in their own API key.
 */
class SdkDeadUpstreamKeysTest extends SdkGateway {
  @BeforeEach
  void pastCooldowns() {
    h.clock.advance(Duration.ofDays(1)); // past any cooldown or ban an earlier test left on the keys
    h.upstream.defaultReply(Replies.openAiError(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: sk-a***.").withHeader("x-request-id", "req_upstream_1"));
    h.upstream.script("ant-a", Replies.anthropicError(401, "authentication_error", "invalid x-api-key"));
    h.upstream.script("ant-b", Replies.anthropicError(401, "authentication_error", "invalid x-api-key"));
  }

  @Test
  void openai_sdk_raises_a_server_error_not_an_authentication_error() {
    Throwable thrown = catchThrowable(() -> SdkCalls.openAiPlain(openai, "gpt-test", Map.of()));

    assertThat(thrown).isInstanceOf(com.openai.errors.InternalServerException.class)
        .isNotInstanceOf(com.openai.errors.UnauthorizedException.class);
    OpenAIServiceException e = (OpenAIServiceException) thrown;
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.code()).hasValue("upstream_keys_failed");
    assertThat(e.getMessage()).contains("upstream keys tried").doesNotContain("Incorrect API key");
    assertThat(e.headers().values("x-request-id")).isEmpty();
  }

  @Test
  void anthropic_sdk_raises_a_server_error_not_an_authentication_error() {
    Throwable thrown = catchThrowable(() -> SdkCalls.anthropicStreamed(anthropic, "claude-test", Map.of()));

    assertThat(thrown).isInstanceOf(com.anthropic.errors.InternalServerException.class)
        .isNotInstanceOf(com.anthropic.errors.UnauthorizedException.class);
    AnthropicServiceException e = (AnthropicServiceException) thrown;
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("upstream keys tried"));
  }

  @Test
  void translated_the_same_holds() {
    Throwable thrown = catchThrowable(() -> SdkCalls.anthropicPlain(anthropic, "gpt-test", Map.of()));

    assertThat(thrown).isInstanceOf(com.anthropic.errors.InternalServerException.class);
    assertThat(((AnthropicServiceException) thrown).statusCode()).isEqualTo(502);
  }
}
