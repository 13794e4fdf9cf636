package dev.keypool.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.provider.openai.OpenAiChatMapper;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.Nodes;
import org.junit.jupiter.api.Test;

/**
 * A conversation begun on another provider reaches a Gemini 3 model with function calls that carry no
 * thought signature; Gemini 3 refuses those turns unless the first call of each carries Google's
 * stand-in value. Earlier models need none, and real signatures are never replaced.
 */
class GeminiSignatureStandInTest {

  static ChatRequest openAiHistory(String model, String firstCallId) {
    return OpenAiChatMapper.readRequest(Nodes.parse("""
        {"model": "%s", "messages": [
          {"role": "user", "content": "Weather in Paris and Rome?"},
          {"role": "assistant", "content": null, "tool_calls": [
            {"id": "%s", "type": "function", "function": {"name": "weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
            {"id": "call_2", "type": "function", "function": {"name": "weather", "arguments": "{\\"city\\":\\"Rome\\"}"}}]},
          {"role": "tool", "tool_call_id": "%s", "content": "sunny"},
          {"role": "tool", "tool_call_id": "call_2", "content": "rain"}]}""".formatted(model, firstCallId, firstCallId)));
  }

  static JsonNode modelParts(ChatRequest req) {
    for (JsonNode c : GeminiMapper.writeRequest(req).path("contents")) {
      if (c.path("role").asText().equals("model")) {
        return c.path("parts");
      }
    }
    throw new AssertionError("no model turn");
  }

  @Test
  void gemini_3_gets_the_stand_in_on_the_first_unsigned_call_of_a_turn() {
    JsonNode parts = modelParts(openAiHistory("gemini-3-pro-preview", "call_1"));
    assertThat(parts.get(0).path("thoughtSignature").asText()).isEqualTo(GeminiRequestWriter.SIGNATURE_STAND_IN);
    assertThat(parts.get(1).has("thoughtSignature")).as("parallel calls: only the first is signed").isFalse();
  }

  @Test
  void earlier_models_and_real_signatures_are_left_alone() {
    assertThat(modelParts(openAiHistory("gemini-2.5-flash", "call_1")).get(0).has("thoughtSignature")).isFalse();
    String signed = new GeminiCallIds().call("c1", "weather", "c2lnbmF0dXJl");
    JsonNode parts = modelParts(openAiHistory("models/gemini-3-flash", signed));
    assertThat(parts.get(0).path("thoughtSignature").asText()).isEqualTo("c2lnbmF0dXJl");
  }

  @Test
  void model_versions_are_read_from_the_name() {
    assertThat(GeminiRequestWriter.needsSignatures("gemini-3-pro-preview")).isTrue();
    assertThat(GeminiRequestWriter.needsSignatures("models/gemini-3.1-flash")).isTrue();
    assertThat(GeminiRequestWriter.needsSignatures("gemini-10-ultra")).isTrue();
    assertThat(GeminiRequestWriter.needsSignatures("gemini-2.5-pro")).isFalse();
    assertThat(GeminiRequestWriter.needsSignatures("gpt-4o")).isFalse();
  }
}
