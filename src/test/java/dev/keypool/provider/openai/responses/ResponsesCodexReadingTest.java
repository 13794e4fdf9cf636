package dev.keypool.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Reasoning;
import dev.keypool.translate.StopReason;
import dev.keypool.translate.ToolChoice;
import dev.keypool.translate.UntranslatableRequest;
import dev.keypool.translate.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Responses reader makes of the fields Codex CLI sends, and how names and thinking come back. */
class ResponsesCodexReadingTest {

  static ResponsesRequest read(String json) {
    return ResponsesRequestReader.readRequest(Nodes.parse(json));
  }

  @Test
  void developer_items_before_the_first_turn_are_the_system_prompt_and_later_ones_stay_in_place() {
    ChatRequest r = read("""
        {"model":"m","instructions":"Base.","input":[
          {"role":"developer","content":"Permissions."},
          {"role":"user","content":"Prompt"},
          {"role":"assistant","content":"Ok"},
          {"role":"developer","content":"Approval changed."},
          {"role":"user","content":"Next"}]}""").chat();

    assertThat(r.system()).containsExactly(new ContentPart.Text("Base."), new ContentPart.Text("Permissions."));
    assertThat(r.messages()).extracting(m -> m.role())
        .containsExactly(Role.USER, Role.ASSISTANT, Role.SYSTEM, Role.USER);
    assertThat(r.messages().get(2).content()).containsExactly(new ContentPart.Text("Approval changed."));
  }

  @Test
  void reasoning_effort_and_summary_become_the_canonical_reasoning() {
    assertThat(read("{\"reasoning\":{\"effort\":\"xhigh\",\"summary\":\"auto\"}}").chat().reasoning())
        .isEqualTo(new Reasoning(Reasoning.Effort.MAX, null, false, true));
    assertThat(read("{\"reasoning\":{\"effort\":\"minimal\"}}").chat().reasoning())
        .isEqualTo(new Reasoning(Reasoning.Effort.MINIMAL, null, false, null));
    assertThat(read("{\"reasoning\":{\"summary\":\"none\"}}").chat().reasoning().visible()).isFalse();
    assertThat(read("{\"reasoning\":null}").chat().reasoning()).isNull();
    assertThatThrownBy(() -> read("{\"reasoning\":{\"effort\":\"extreme\"}}"))
        .isInstanceOf(UntranslatableRequest.class).hasMessageContaining("xhigh");
  }

  @Test
  void namespaced_names_are_flattened_within_limits_unique_and_mapped_back() {
    String longNs = "n".repeat(70);
    ResponsesRequest r = read("""
        {"tools":[
          {"type":"function","name":"ns__run"},
          {"type":"namespace","name":"ns","tools":[{"type":"function","name":"run"}]},
          {"type":"namespace","name":"my.server","tools":[{"type":"function","name":"get"}]},
          {"type":"namespace","name":"%s","tools":[{"type":"function","name":"a"},{"type":"function","name":"b"}]}],
         "tool_choice":{"type":"function","namespace":"my.server","name":"get"},
         "input":[{"type":"function_call","call_id":"c1","namespace":"ns","name":"run","arguments":"{}"}]}"""
        .formatted(longNs));

    List<String> names = r.chat().tools().stream().map(t -> t.name()).toList();
    assertThat(names.subList(0, 3)).containsExactly("ns__run", "ns__run_2", "my_server__get");
    assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Za-z0-9_-]{1,64}"));
    assertThat(r.chat().toolChoice()).isEqualTo(ToolChoice.specific("my_server__get"));
    assertThat(((ContentPart.ToolCall) r.chat().messages().getFirst().content().getFirst()).name()).isEqualTo("ns__run_2");
    assertThat(r.toolNames().origin("ns__run")).isNull();
    assertThat(r.toolNames().origin("ns__run_2")).isEqualTo(new ToolNames.Origin("ns", "run", false));
    assertThat(r.toolNames().origin(names.get(3))).isEqualTo(new ToolNames.Origin(longNs, "a", false));
  }

  @Test
  void hosted_tools_are_left_out_and_named_and_a_choice_of_one_is_refused() {
    ResponsesRequest r = read("""
        {"tools":[{"type":"web_search"},{"type":"function","name":"f"},{"type":"local_shell"},{"type":"web_search"}]}""");

    assertThat(r.chat().tools()).extracting(t -> t.name()).containsExactly("f");
    assertThat(r.hostedTools()).containsExactly("web_search", "local_shell");
    assertThatThrownBy(() -> read("{\"tools\":[{\"type\":\"web_search\"}],\"tool_choice\":{\"type\":\"web_search\"}}"))
        .isInstanceOf(UntranslatableRequest.class).hasMessageContaining("web_search");
  }

  @Test
  void a_custom_call_and_anthropic_thinking_go_to_the_client_and_come_back_as_they_were() {
    ResponsesRequest r = read("{\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\",\"format\":{\"type\":\"text\"}}]}");
    ChatResponse answer = new ChatResponse("msg_1", "m", List.of(new ContentPart.Thinking("Plan it.", "sig=="),
        new ContentPart.ToolCall("toolu_1", "apply_patch", "{\"input\":\"*** Begin Patch\\n\"}")),
        StopReason.TOOL_USE, null, Usage.ZERO, null);

    JsonNode output = ResponsesResponseWriter.write(answer, 0, r.toolNames()).path("output");
    assertThat(output.at("/1/type").asText()).isEqualTo("custom_tool_call");
    assertThat(output.at("/1/input").asText()).isEqualTo("*** Begin Patch\n");

    ChatRequest next = read("{\"input\":[{\"role\":\"user\",\"content\":\"Go\"}," + output.get(0) + "," + output.get(1)
        + ",{\"type\":\"custom_tool_call_output\",\"call_id\":\"toolu_1\",\"output\":\"Done\"}]}").chat();
    assertThat(next.messages().get(1).content()).containsExactly(new ContentPart.Thinking("Plan it.", "sig=="),
        new ContentPart.ToolCall("toolu_1", "apply_patch", "{\"input\":\"*** Begin Patch\\n\"}"));
    assertThat(next.messages().get(2).role()).isEqualTo(Role.TOOL);
  }
}
