package dev.keypool.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;

/**
 * Rows for what Gemini CLI sends beyond the SDK-level requests: function declarations written as JSON
 * Schema ({@code parametersJsonSchema}) and {@code thinkingConfig}. Gemini clients only; the other
 * client formats have no such fields.
 */
final class GeminiCliFeatures {
  static final String ONLY_GEMINI_CLIENTS = "a Gemini client's field: the other formats have no such request";

  /** One declaration with the JSON Schema features Gemini CLI's tools use, the root combinator included. */
  static final String DECLARATIONS_BODY = """
      {"contents":[{"role":"user","parts":[{"text":"Fetch it"}]}],
       "tools":[{"functionDeclarations":[{"name":"web_fetch","description":"Fetches a URL.",
         "parametersJsonSchema":{"type":"object","$defs":{"mode":{"type":"string","enum":["text","html"]}},
           "properties":{"prompt":{"type":"string","description":"What to do"},
             "mode":{"$ref":"#/$defs/mode"},"timeout":{"type":["integer","null"]},
             "headers":{"type":"object","additionalProperties":{"type":"string"}},
             "urls":{"type":"array","items":{"type":"string","format":"uri"}},
             "proxy":{"anyOf":[{"type":"string"},{"type":"null"}]}},
           "anyOf":[{"required":["prompt"]},{"required":["urls"]}]}}]}]}""";

  static final String THINKING_BODY = """
      {"contents":[{"role":"user","parts":[{"text":"Think"}]}],
       "generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingBudget":-1}}}""";

  private GeminiCliFeatures() {}

  static final Feature DECLARATIONS = new Feature("Gemini CLI function declarations",
      "`parametersJsonSchema` with `$ref`/`$defs`, `enum`, nullable types, `anyOf`, `items`, `format`, "
          + "`additionalProperties`: every property reaches the upstream, whose root schema is an object "
          + "without a root `anyOf` (OpenAI and Anthropic refuse one)", c -> {
            if (c.client().format() != WireFormat.GEMINI) {
              return Verdict.na(ONLY_GEMINI_CLIENTS);
            }
            send(c, DECLARATIONS_BODY, Script.text("Done"));
            JsonNode body = c.received().getFirst().bodyJson();
            JsonNode root = switch (c.upstream().format()) {
              case OPENAI -> body.at("/tools/0/function/parameters");
              case ANTHROPIC -> body.at("/tools/0/input_schema");
              case GEMINI -> body.at("/tools/0/functionDeclarations/0/parametersJsonSchema");
            };
            assertThat(root.path("type").asText()).isEqualTo("object");
            assertThat(root.path("properties").fieldNames()).toIterable()
                .containsExactly("prompt", "mode", "timeout", "headers", "urls", "proxy");
            assertThat(root.at("/properties/mode/$ref").asText()).isEqualTo("#/$defs/mode");
            if (c.upstream().format() != WireFormat.GEMINI) {
              assertThat(root.has("anyOf")).as("root anyOf folded into the root").isFalse();
            }
            return Verdict.PASS;
          });

  static final Feature THINKING = new Feature("Gemini thinkingConfig",
      "a request with `thinkingConfig` (`includeThoughts`, dynamic budget) is accepted; the reasoning comes "
          + "back as `thought: true` parts apart from the answer, JSON and stream", c -> {
            if (c.client().format() != WireFormat.GEMINI) {
              return Verdict.na(ONLY_GEMINI_CLIENTS);
            }
            for (boolean stream : new boolean[] {false, true}) {
              HttpResponse<String> r = send(c, stream, THINKING_BODY, Script.text("42").withThinking("Let me think."));
              Answer a = c.client().read(r, stream);
              assertThat(a.thinking()).as("thinking, stream=%s", stream).isEqualTo("Let me think.");
              assertThat(a.text()).as("text, stream=%s", stream).isEqualTo("42");
              if (c.upstream().format() == WireFormat.GEMINI) {
                assertThat(c.received().getFirst().bodyJson().at("/generationConfig/thinkingConfig/thinkingBudget")
                    .asInt()).isEqualTo(-1);
              }
            }
            return Verdict.PASS;
          });

  private static void send(Cell c, String body, Script script) throws Exception {
    HttpResponse<String> r = send(c, false, body, script);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static HttpResponse<String> send(Cell c, boolean stream, String body, Script script) throws Exception {
    c.h().upstream.reset();
    c.h().upstream.defaultReply(c.upstream().reply(script));
    String path = "/v1beta/models/" + c.upstream().route()
        + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    return c.h().postRaw(path, body, "content-type", "application/json", "x-goog-api-key", GatewayHarness.CLIENT_KEY);
  }
}
