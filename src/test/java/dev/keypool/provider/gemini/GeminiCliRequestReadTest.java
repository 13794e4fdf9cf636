package dev.keypool.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Reasoning;
import dev.keypool.translate.Reasoning.Effort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the Gemini reader makes of the fields Gemini CLI sends: thinking, system instruction, schemas, ids. */
class GeminiCliRequestReadTest {

  static ChatRequest read(String json) {
    return GeminiMapper.readRequest(Nodes.parse(json), "gemini-3-pro-preview", true);
  }

  static Reasoning thinking(String config) {
    return read("{\"contents\":[],\"generationConfig\":{\"thinkingConfig\":" + config + "}}").reasoning();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"thinkingBudget\": -1, \"includeThoughts\": true}  | | | true  | true",
      "{\"thinkingBudget\": 0}                              | NONE | | false |",
      "{\"thinking_budget\": 8192, \"include_thoughts\": false} | | 8192 | false | false",
      "{\"thinkingLevel\": \"HIGH\", \"includeThoughts\": true} | HIGH | | false | true",
      "{\"thinkingLevel\": \"low\"}                         | LOW | | false |",
      "{\"thinkingLevel\": \"minimal\"}                     | MINIMAL | | false |",
      "{\"thinkingLevel\": \"medium\", \"thinkingBudget\": 1024} | MEDIUM | 1024 | false |",
      "{\"includeThoughts\": true}                          | | | false | true"})
  void thinking_config_reads_as_reasoning(String config, Effort effort, Integer budget, boolean adaptive,
      Boolean visible) {
    assertThat(thinking(config)).isEqualTo(new Reasoning(effort, budget, adaptive, visible));
  }

  @Test
  void no_thinking_config_or_an_empty_one_leaves_reasoning_to_the_model() {
    assertThat(read("{\"contents\":[]}").reasoning()).isNull();
    assertThat(thinking("{}")).isNull();
    assertThat(thinking("{\"thinkingLevel\": \"THINKING_LEVEL_UNSPECIFIED\"}")).isNull();
  }

  @Test
  void the_thinking_config_stays_for_a_gemini_upstream_as_the_client_spelled_it() {
    ChatRequest req = read("""
        {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
         "generationConfig":{"temperature":1,"thinkingConfig":{"thinkingLevel":"HIGH","includeThoughts":true}}}""");
    assertThat(GeminiMapper.writeRequest(req).at("/generationConfig/thinkingConfig"))
        .isEqualTo(Nodes.parse("{\"thinkingLevel\":\"HIGH\",\"includeThoughts\":true}"));
  }

  @Test
  void system_instruction_of_every_shape_is_system_text() {
    List<String> shapes = List.of(
        "{\"role\":\"user\",\"parts\":[{\"text\":\"Be brief.\"}]}",
        "{\"parts\":[{\"text\":\"Be brief.\"}]}",
        "{\"parts\":{\"text\":\"Be brief.\"}}",
        "[{\"text\":\"Be brief.\"}]",
        "{\"text\":\"Be brief.\"}",
        "\"Be brief.\"");
    for (String shape : shapes) {
      ChatRequest req = read("{\"systemInstruction\":" + shape + ",\"contents\":[]}");
      assertThat(req.system()).as(shape).containsExactly(new Text("Be brief."));
    }
  }

  @Test
  void openapi_parameters_become_json_schema_with_an_object_root() {
    ChatRequest req = read("""
        {"contents":[],"tools":[{"functionDeclarations":[
          {"name":"f","parameters":{"type":"OBJECT","propertyOrdering":["a"],"properties":{
            "a":{"type":"STRING","nullable":true,"example":"x","format":"date-time"},
            "b":{"type":"ARRAY","items":{"type":"INTEGER"}},
            "c":{"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]}},"required":["b"]}},
          {"name":"g"}]}]}""");
    assertThat(req.tools().get(0).parameters()).isEqualTo(Nodes.parse("""
        {"type":"object","properties":{
          "a":{"type":["string","null"],"examples":["x"],"format":"date-time"},
          "b":{"type":"array","items":{"type":"integer"}},
          "c":{"anyOf":[{"type":"string"},{"type":"number"}]}},"required":["b"]}"""));
    assertThat(req.tools().get(1).parameters()).isEqualTo(Nodes.parse("{\"type\":\"object\",\"properties\":{}}"));
  }

  @Test
  void a_root_combinator_of_parameters_json_schema_is_folded_into_the_root() {
    ChatRequest req = read("""
        {"contents":[],"tools":[{"functionDeclarations":[
          {"name":"web_fetch","parametersJsonSchema":{"type":"object","properties":{"prompt":{"type":"string"}},
            "anyOf":[{"required":["prompt"]},{"properties":{"url":{"type":"string","format":"uri"}},"required":["url"]}]}},
          {"name":"both","parametersJsonSchema":{"allOf":[
            {"properties":{"a":{"type":"string"}},"required":["a"]},{"properties":{"b":{"$ref":"#/$defs/b"}},"required":["b"]}],
            "$defs":{"b":{"type":"integer"}}}}]}]}""");
    assertThat(req.tools().get(0).parameters()).isEqualTo(Nodes.parse("""
        {"type":"object","properties":{"prompt":{"type":"string"},"url":{"type":"string","format":"uri"}}}"""));
    assertThat(req.tools().get(1).parameters()).isEqualTo(Nodes.parse("""
        {"$defs":{"b":{"type":"integer"}},"properties":{"a":{"type":"string"},"b":{"$ref":"#/$defs/b"}},
         "required":["a","b"],"type":"object"}"""));
  }

  @Test
  void the_gemini_cli_follow_up_pairs_its_made_up_response_id_with_the_signed_call() throws IOException {
    ChatRequest req = read(fixture("tool-result-request.json"));
    ToolCall call = (ToolCall) req.messages().get(req.messages().size() - 2).content().getFirst();
    ToolResult result = (ToolResult) req.messages().getLast().content().getFirst();
    assertThat(req.messages().getLast().role()).isEqualTo(Role.TOOL);
    assertThat(GeminiSignatures.signature(call.id())).startsWith("CpwBAdHtim9X");
    assertThat(result.callId()).isEqualTo(call.id());
    assertThat(GeminiMapper.writeRequest(req).at("/contents/3/parts/0/thoughtSignature").asText())
        .as("a Gemini upstream gets the signature back").isEqualTo(GeminiSignatures.signature(call.id()));

    ChatRequest elsewhere = GeminiSignatures.withoutSignatures(req);
    ToolCall plain = (ToolCall) elsewhere.messages().get(req.messages().size() - 2).content().getFirst();
    ToolResult answer = (ToolResult) elsewhere.messages().getLast().content().getFirst();
    assertThat(plain.id()).matches("call_[A-Za-z0-9_-]{24}").isEqualTo(answer.callId());
    assertThat(GeminiSignatures.signature(plain.id())).isNull();
  }

  @Test
  void the_gemini_cli_first_request_reads_whole() throws IOException {
    ChatRequest req = read(fixture("first-request.json"));
    assertThat(req.system()).hasSize(1);
    assertThat(((Text) req.system().getFirst()).text()).hasSizeGreaterThan(20_000);
    assertThat(req.tools()).hasSize(12);
    assertThat(req.messages().getLast().role()).isEqualTo(Role.USER);
    assertThat(req.reasoning()).isEqualTo(new Reasoning(Effort.HIGH, null, false, true));
    assertThat(req.temperature()).isEqualTo(1.0);
    assertThat(req.topK()).isEqualTo(64);
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = GeminiCliRequestReadTest.class.getResourceAsStream("/agents/gemini-cli/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
