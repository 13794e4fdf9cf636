package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ProviderFormat;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void chat_has_a_counterpart_in_each_format_and_the_other_operations_only_their_own() {
    assertThat(Endpoint.CHAT_COMPLETIONS.in(ProviderFormat.ANTHROPIC)).isEqualTo(Endpoint.MESSAGES);
    assertThat(Endpoint.MESSAGES.in(ProviderFormat.OPENAI)).isEqualTo(Endpoint.CHAT_COMPLETIONS);
    assertThat(Endpoint.CHAT_COMPLETIONS.in(ProviderFormat.OPENAI)).isEqualTo(Endpoint.CHAT_COMPLETIONS);
    assertThat(Endpoint.MESSAGES.in(ProviderFormat.ANTHROPIC).upstreamPath("m", false, true)).isEqualTo("/messages");
    assertThat(Endpoint.MESSAGES.in(ProviderFormat.OPENAI).upstreamPath("m", false, true)).isEqualTo("/chat/completions");
    assertThat(Endpoint.EMBEDDINGS.in(ProviderFormat.ANTHROPIC)).isNull();
    assertThat(Endpoint.COUNT_TOKENS.in(ProviderFormat.OPENAI)).isNull();
    assertThat(Endpoint.COUNT_TOKENS.in(ProviderFormat.ANTHROPIC)).isEqualTo(Endpoint.COUNT_TOKENS);
  }
}
