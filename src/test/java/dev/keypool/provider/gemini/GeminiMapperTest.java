package dev.keypool.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart.Image;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.StopReason;
import dev.keypool.translate.ToolChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini mapping cases the fixtures do not show: spellings, ids, schemas, blocked prompts. */
class GeminiMapperTest {

  @Test
  void snake_case_request_reads_like_camel_case() {
    ChatRequest snake = GeminiMapper.readRequest(Nodes.parse("""
        {"system_instruction": {"parts": [{"text": "Be brief."}]},
         "contents": [{"role": "user", "parts": [{"text": "Hi"}, {"inline_data": {"mime_type": "image/png", "data": "AA=="}},
           {"file_data": {"mime_type": "application/pdf", "file_uri": "https://generativelanguage.googleapis.com/v1beta/files/abc"}}]}],
         "tool_config": {"function_calling_config": {"mode": "NONE"}},
         "generation_config": {"max_output_tokens": 10, "top_k": 3, "stop_sequences": ["x"], "response_mime_type": "text/plain"}}"""),
        "gemini-2.5-flash", false);
    assertThat(snake.system()).containsExactly(new Text("Be brief."));
    assertThat(snake.messages()).containsExactly(new Message(Role.USER, List.of(new Text("Hi"),
        Image.ofBase64("image/png", "AA=="),
        new Image("https://generativelanguage.googleapis.com/v1beta/files/abc", "application/pdf", null))));
    assertThat(snake.toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(snake.maxTokens()).isEqualTo(10);
    assertThat(snake.topK()).isEqualTo(3);
    assertThat(snake.stop()).containsExactly("x");
    assertThat(GeminiMapper.writeRequest(snake).path("generationConfig").path("responseMimeType").asText())
        .isEqualTo("text/plain");
  }

  @Test
  void call_ids_are_kept_when_present_and_responses_pair_by_name_otherwise() {
    ChatRequest req = GeminiMapper.readRequest(Nodes.parse("""
        {"contents": [
          {"role": "model", "parts": [
            {"functionCall": {"name": "a", "args": {}}},
            {"functionCall": {"id": "fc-9", "name": "b", "args": {}}},
            {"functionCall": {"name": "a", "args": {"n": 2}}}]},
          {"role": "user", "parts": [
            {"functionResponse": {"name": "b", "response": {"output": "B"}}},
            {"functionResponse": {"name": "a", "response": {"output": "A1"}}},
            {"functionResponse": {"name": "a", "response": {"error": "A2 failed"}}}]}]}"""), "m", false);
    assertThat(req.messages().get(0).content()).extracting(p -> ((ToolCall) p).id())
        .containsExactly("call_0", "fc-9", "call_1");
    assertThat(req.messages().get(1).content()).containsExactly(
        new ToolResult("fc-9", List.of(new Text("B")), false),
        new ToolResult("call_0", List.of(new Text("A1")), false),
        new ToolResult("call_1", List.of(new Text("A2 failed")), true));
  }

  @Test
  void parameters_json_schema_is_taken_as_is_and_gemini_type_names_are_lower_cased() {
    ChatRequest req = GeminiMapper.readRequest(Nodes.parse("""
        {"contents": [], "tools": [{"functionDeclarations": [
          {"name": "f", "parameters": {"type": "OBJECT", "properties": {"xs": {"type": "ARRAY", "items": {"type": "STRING"}}}}},
          {"name": "g", "parametersJsonSchema": {"type": "object", "additionalProperties": false}}]}]}"""), "m", false);
    assertThat(req.tools().get(0).parameters()).isEqualTo(Nodes.parse(
        "{\"type\":\"object\",\"properties\":{\"xs\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}"));
    assertThat(req.tools().get(1).parameters()).isEqualTo(Nodes.parse("{\"type\":\"object\",\"additionalProperties\":false}"));
  }

  @Test
  void a_prompt_blocked_before_any_candidate_is_content_filtered() {
    ChatResponse r = GeminiMapper.readResponse(Nodes.parse("""
        {"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 9, "totalTokenCount": 9},
         "modelVersion": "gemini-2.5-flash", "responseId": "r1"}"""));
    assertThat(r.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
    assertThat(r.content()).isEmpty();
    assertThat(r.usage().input()).isEqualTo(9);
  }

  @Test
  void gemini_stream_without_a_finish_reason_never_stops() {
    GeminiStreamDecoder decoder = new GeminiStreamDecoder();
    assertThat(decoder.decode("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"}}]}"))
        .hasSize(2);
    assertThat(decoder.finish()).containsExactly(new dev.keypool.translate.StreamEvent.ContentBlockStop(0));
  }
}
