package dev.keypool.conformance;

import static dev.keypool.conformance.Script.Stop.END;
import static dev.keypool.conformance.Script.Stop.MAX_TOKENS;
import static dev.keypool.conformance.Script.Stop.STOP_SEQUENCE;
import static dev.keypool.conformance.Script.Stop.TOOL_USE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.conformance.Ask.Base64Image;
import dev.keypool.conformance.Ask.Call;
import dev.keypool.conformance.Ask.Result;
import dev.keypool.conformance.Ask.Text;
import dev.keypool.conformance.Ask.UrlImage;
import dev.keypool.conformance.ClientDialect.ErrorKind;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import dev.keypool.translate.Usage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The rows of the matrix, in document order. */
final class Features {
  /** A 1x1 PNG. */
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5"
      + "ErkJggg==";
  static final String IMAGE_URL = "https://example.com/cat.png";
  static final String CALL_LINE = "assistant: call c1 " + Ask.TOOL + " " + Json.canonical(Ask.ARGS);

  // Why cells are n/a, next to the cases that declare them.
  static final String ONLY_GEMINI_ARRAYS = "only Gemini clients stream as a JSON array: SSE checked instead";
  static final String NO_CACHE_WRITES = "%s reports no cache writes (they are inside the input count): input total checked";
  static final String NO_REASONING_COUNT =
      "Anthropic counts thinking inside output_tokens with no field of its own: output total checked";
  static final String ONLY_ANTHROPIC_VERSIONS =
      "only Anthropic has an API version without sampling parameters: sent as in the row above";
  static final String VERSION_DROPS_SAMPLING = "anthropic-version 2026-10-21 rejects temperature and top_p: left out";
  static final String STOP_SEQUENCE_UNKNOWN =
      "%s says a natural end and a stop sequence alike, so the client gets end_turn";
  static final String PASS_THROUGH_AS_SENT = "byte pass-through: the client's own anthropic-version (2023-06-01) "
      + "travels with the body written for it, so temperature and top_p reach the upstream as sent";

  static final String GEMINI_SYSTEM_ONCE = "a Gemini client has only systemInstruction, no system turn";

  private Features() {}

  static final List<Feature> ALL = List.of(
      new Feature("text (JSON)", "answer text; upstream got the user text and the route's upstream model", c -> {
        Answer a = c.ask(Ask.user("Hi there"), Script.text("Hello world"));
        assertThat(a.text()).isEqualTo("Hello world");
        Sent s = c.sent();
        assertThat(s.model()).isEqualTo(c.upstream().upstreamModel());
        assertThat(s.stream()).isFalse();
        assertThat(s.transcript()).containsExactly("user: text Hi there");
        return Verdict.PASS;
      }),
      new Feature("text (stream)", "deltas joined in order, normal stop; upstream was asked to stream", c -> {
        Answer a = c.ask(Ask.user("Hi there").streamed(), Script.text("Hel", "lo", " world"));
        assertThat(a.text()).isEqualTo("Hello world");
        assertThat(a.stop()).isEqualTo(END.in(c.client().format()));
        assertThat(c.sent().stream()).isTrue();
        return Verdict.PASS;
      }),
      new Feature("text (stream, JSON array)", "Gemini's stream without `alt=sse`: one JSON array of responses", c -> {
        boolean gemini = c.client().format() == WireFormat.GEMINI;
        Ask ask = gemini ? Ask.user("Hi there").streamedAsJsonArray() : Ask.user("Hi there").streamed();
        HttpResponse<String> r = c.send(c.upstream().route(), ask, c.upstream().reply(Script.text("Hel", "lo", " world")));
        assertThat(c.client().read(r, true).text()).isEqualTo("Hello world");
        if (!gemini) {
          return Verdict.na(ONLY_GEMINI_ARRAYS);
        }
        assertThat(r.body()).startsWith("[").endsWith("]");
        assertThat(c.sent().stream()).isTrue();
        return Verdict.PASS;
      }),
      new Feature("system prompt", "upstream got the system prompt in its own place, not as a turn", c -> {
        Ask ask = Ask.user("Hi there");
        ask.system = "Be brief.";
        c.ask(ask, Script.text("Hi"));
        assertThat(c.sent().system()).isEqualTo("Be brief.");
        assertThat(c.sent().transcript()).containsExactly("user: text Hi there");
        return Verdict.PASS;
      }),
      new Feature("multi-turn", "upstream got user, assistant, user turns in order", c -> {
        c.ask(Ask.user("Hi").then(true, new Text("Hello! How can I help?")).then(false, new Text("A joke, please")),
            Script.text("Why did..."));
        assertThat(c.sent().transcript())
            .containsExactly("user: text Hi", "assistant: text Hello! How can I help?", "user: text A joke, please");
        return Verdict.PASS;
      }),
      new Feature("image input (base64)", "upstream got the image inline with its media type and data", c -> {
        c.ask(Ask.user(new Text("What is this?"), new Base64Image("image/png", PNG)), Script.text("A pixel"));
        assertThat(c.sent().transcript())
            .containsExactly("user: text What is this?", "user: image base64 image/png " + PNG);
        return Verdict.PASS;
      }),
      new Feature("image input (URL)", "upstream got the image by URL (Gemini: fileData)", c -> {
        c.ask(Ask.user(new Text("What is this?"), new UrlImage(IMAGE_URL)), Script.text("A cat"));
        assertThat(c.sent().transcript()).containsExactly("user: text What is this?", "user: image url " + IMAGE_URL);
        return Verdict.PASS;
      }),
      new Feature("tool definitions + tool choice", "upstream got the tool, its parameters and the forced choice", c -> {
        c.ask(Ask.user("Weather in Paris?").withTools(true), Script.text("Sure"));
        assertThat(c.sent().tools()).containsExactly(Ask.TOOL + " [city, unit]");
        assertThat(c.sent().forcedTool()).isEqualTo(Ask.TOOL);
        return Verdict.PASS;
      }),
      new Feature("tool call (JSON)", "the call's name and arguments, tool-use stop reason", c -> {
        Answer a = c.ask(Ask.user("Weather in Paris?").withTools(false), Script.toolCall(Ask.ARGS));
        assertThat(a.calls()).containsExactly(new Answer.ToolCall(Ask.TOOL, Json.canonical(Ask.ARGS)));
        assertThat(a.stop()).isEqualTo(TOOL_USE.in(c.client().format()));
        assertThat(c.sent().tools()).hasSize(1);
        return Verdict.PASS;
      }),
      new Feature("tool call (stream)", "argument fragments reassembled into the call, tool-use stop reason", c -> {
        Answer a = c.ask(Ask.user("Weather in Paris?").withTools(false).streamed(), Script.toolCall(Ask.ARGS));
        assertThat(a.calls()).containsExactly(new Answer.ToolCall(Ask.TOOL, Json.canonical(Ask.ARGS)));
        assertThat(a.stop()).isEqualTo(TOOL_USE.in(c.client().format()));
        assertThat(c.sent().stream()).isTrue();
        return Verdict.PASS;
      }),
      new Feature("tool result turn", "upstream got the call and its result, paired (by id, or name for Gemini)", c -> {
        Ask ask = Ask.user("Weather in Paris?").withTools(false)
            .then(true, new Call("call_1", Ask.TOOL, Ask.ARGS))
            .then(false, new Result("call_1", Ask.TOOL, "22C"));
        Answer a = c.ask(ask, Script.text("It is 22C"));
        assertThat(a.text()).isEqualTo("It is 22C");
        assertThat(c.sent().transcript()).containsExactly("user: text Weather in Paris?", CALL_LINE, "result c1 22C");
        return Verdict.PASS;
      }),
      new Feature("stop sequences", "upstream got the stop sequences", c -> {
        Ask ask = Ask.user("Count");
        ask.stop = List.of("END", "STOP");
        c.ask(ask, Script.text("1 2 3"));
        assertThat(c.sent().stop()).containsExactly("END", "STOP");
        return Verdict.PASS;
      }),
      new Feature("max tokens", "upstream got the output cap", c -> {
        Ask ask = Ask.user("Count");
        ask.maxTokens = 77;
        c.ask(ask, Script.text("1 2 3"));
        assertThat(c.sent().maxTokens()).isEqualTo(77);
        return Verdict.PASS;
      }),
      new Feature("temperature / top_p", "upstream got both", c -> {
        sampling(c, c.upstream().route());
        assertThat(c.sent().temperature()).isEqualTo(0.5);
        assertThat(c.sent().topP()).isEqualTo(0.9);
        return Verdict.PASS;
      }),
      new Feature("temperature / top_p, anthropic-version 2026-10-21",
          "to a provider pinned to 2026-10-21, which rejects sampling parameters with a 400", c -> {
            boolean anthropic = c.upstream().format() == WireFormat.ANTHROPIC;
            sampling(c, anthropic ? "m-anthropic-2026" : c.upstream().route());
            Sent s = c.sent();
            if (anthropic) {
              // The provider's pinned version is for bodies Keypool writes; a passed-through body keeps its own.
              assertThat(c.received().getFirst().header("anthropic-version"))
                  .isEqualTo(c.client().format() == WireFormat.ANTHROPIC ? "2023-06-01" : "2026-10-21");
            }
            if (!anthropic || c.client().format() == WireFormat.ANTHROPIC) {
              assertThat(s.temperature()).isEqualTo(0.5);
              assertThat(s.topP()).isEqualTo(0.9);
              return Verdict.na(anthropic ? PASS_THROUGH_AS_SENT : ONLY_ANTHROPIC_VERSIONS);
            }
            assertThat(s.temperature()).isNull();
            assertThat(s.topP()).isNull();
            return Verdict.na(VERSION_DROPS_SAMPLING);
          }),
      new Feature("finish / stop reason", "the upstream's natural end and max-tokens stop in the client's "
          + "vocabulary (tool use: in the tool call rows)", c -> {
            assertThat(c.ask(Ask.user("Tell a story"), Script.text("Once upon a").stoppedBy(MAX_TOKENS)).stop())
                .isEqualTo(MAX_TOKENS.in(c.client().format()));
            assertThat(c.ask(Ask.user("Hi"), Script.text("Hello")).stop()).isEqualTo(END.in(c.client().format()));
            return Verdict.PASS;
          }),
      new Feature("stop reason: stop sequence", "a stop on one of the request's stop sequences, in the client's "
          + "vocabulary (Anthropic: `stop_sequence`)", c -> {
            Ask ask = Ask.user("Count");
            ask.stop = List.of(Script.STOP_SEQUENCE);
            String stop = c.ask(ask, Script.text("1 2 3").stoppedBy(STOP_SEQUENCE)).stop();
            if (c.client().format() == WireFormat.ANTHROPIC && c.upstream().format() != WireFormat.ANTHROPIC) {
              assertThat(stop).isEqualTo(END.in(c.client().format()));
              return Verdict.na(STOP_SEQUENCE_UNKNOWN.formatted(name(c.upstream().format())));
            }
            assertThat(stop).isEqualTo(STOP_SEQUENCE.in(c.client().format()));
            return Verdict.PASS;
          }),
      new Feature("usage (input/output)", "the upstream's counts in the client's usage fields, JSON and stream", c -> {
        Usage u = new Usage(21, 8, 0, 0, 0);
        for (Ask ask : List.of(Ask.user("Hi"), Ask.user("Hi").streamed())) {
          Usage got = c.ask(ask, Script.text("Hello").withUsage(u)).usage();
          assertThat(got).as("usage, stream=%s", ask.stream).isNotNull();
          assertThat(got.input()).as("input, stream=%s", ask.stream).isEqualTo(21);
          assertThat(got.output()).as("output, stream=%s", ask.stream).isEqualTo(8);
        }
        return Verdict.PASS;
      }),
      new Feature("cache read tokens", "cached prompt tokens in the client's field, the input total unchanged", c -> {
        Usage got = c.ask(Ask.user("Hi"), Script.text("Hello").withUsage(new Usage(50, 5, 30, 0, 0))).usage();
        assertThat(got.input()).isEqualTo(50);
        assertThat(got.cacheRead()).isEqualTo(30);
        return Verdict.PASS;
      }),
      new Feature("cache write tokens", "cache-creation tokens in the client's field, the input total unchanged", c -> {
        boolean upstreamWrites = c.upstream().format() == WireFormat.ANTHROPIC;
        Usage u = new Usage(50, 5, 0, upstreamWrites ? 10 : 0, 0);
        Usage got = c.ask(Ask.user("Hi"), Script.text("Hello").withUsage(u)).usage();
        assertThat(got.input()).isEqualTo(50);
        if (!upstreamWrites) {
          return Verdict.na(NO_CACHE_WRITES.formatted(name(c.upstream().format()) + " upstream"));
        }
        if (c.client().format() != WireFormat.ANTHROPIC) {
          return Verdict.na(NO_CACHE_WRITES.formatted(name(c.client().format()) + " client format"));
        }
        assertThat(got.cacheWrite()).isEqualTo(10);
        return Verdict.PASS;
      }),
      new Feature("reasoning tokens", "the reasoning count in the client's field, the output total unchanged", c -> {
        boolean anthropic = c.either(WireFormat.ANTHROPIC);
        Usage u = new Usage(20, 30, 0, 0, c.upstream().format() == WireFormat.ANTHROPIC ? 0 : 12);
        Usage got = c.ask(Ask.user("Think"), Script.text("42").withUsage(u)).usage();
        assertThat(got.output()).isEqualTo(30);
        if (anthropic) {
          return Verdict.na(NO_REASONING_COUNT);
        }
        assertThat(got.reasoning()).isEqualTo(12);
        return Verdict.PASS;
      }),
      new Feature("thinking content", "the reasoning text apart from the answer, JSON and stream "
          + "(OpenAI: `reasoning_content`, as DeepSeek and vLLM send it)", c -> {
            for (Ask ask : List.of(Ask.user("Think"), Ask.user("Think").streamed())) {
              Answer a = c.ask(ask, Script.text("42").withThinking("Let me think."));
              assertThat(a.thinking()).as("thinking, stream=%s", ask.stream).isEqualTo("Let me think.");
              assertThat(a.text()).as("text, stream=%s", ask.stream).isEqualTo("42");
            }
            return Verdict.PASS;
          }),
      new Feature("error: upstream 429", "the client's rate-limit error shape, status 429 and when to retry "
          + "(Retry-After; Gemini: or RetryInfo), after trying both keys; for a JSON and a streamed request", c -> {
            for (Ask ask : List.of(Ask.user("Hi"), Ask.user("Hi").streamed())) {
              HttpResponse<String> r = c.send(c.upstream().route(), ask,
                  Replies.rateLimited(c.upstream().format(), Duration.ofSeconds(2)));
              c.cooledDown();
              c.client().assertError(r, 429, ErrorKind.RATE_LIMIT);
              if (c.client().format() == WireFormat.GEMINI) {
                // Google clients read the wait from a RetryInfo detail; a header is as good.
                assertThat(r.headers().firstValue("retry-after").isPresent() || r.body().contains("RetryInfo"))
                    .as("Retry-After or RetryInfo").isTrue();
              } else {
                assertThat(r.headers().firstValue("retry-after")).as("Retry-After").isPresent();
              }
              assertThat(c.received()).as("both keys tried").hasSize(2);
            }
            return Verdict.PASS;
          }),
      new Feature("error: upstream 400", "the client's invalid-request error shape, status 400 and message, no "
          + "retry; for a JSON and a streamed request", c -> {
            for (Ask ask : List.of(Ask.user("Hi"), Ask.user("Hi").streamed())) {
              HttpResponse<String> r = c.send(c.upstream().route(), ask, c.upstream().badRequest("messages: bad field"));
              c.client().assertError(r, 400, ErrorKind.INVALID_REQUEST);
              assertThat(r.body()).contains("messages: bad field");
              assertThat(c.received()).as("caller faults are not retried").hasSize(1);
            }
            return Verdict.PASS;
          }),
      new Feature("system message inside messages", "system content after the user's prompt (Claude Code's "
          + "reminders) reaches the upstream as system content, the prompt stays the last user turn", c -> {
            if (c.client().format() == WireFormat.GEMINI) {
              return Verdict.na(GEMINI_SYSTEM_ONCE);
            }
            Ask ask = Ask.user("Hi there");
            ask.system = "Be brief.";
            ask.laterSystem = "Answer in French.";
            c.ask(ask, Script.text("Salut"));
            Sent s = c.sent();
            // Passed through to Anthropic it stays a system message after the prompt; translated it is system content.
            assertThat(s.transcript().stream().filter(line -> !line.equals("system: text Answer in French.")))
                .containsExactly("user: text Hi there");
            assertThat(s.system() + "\n" + s.transcript()).contains("Answer in French.");
            return Verdict.PASS;
          }),
      GeminiCliFeatures.DECLARATIONS,
      GeminiCliFeatures.THINKING,
      ResponsesFeatures.NAMESPACE_TOOLS,
      ResponsesFeatures.HOSTED_TOOLS_DROPPED);

  private static void sampling(Cell c, String route) throws Exception {
    Ask ask = Ask.user("Hi");
    ask.temperature = 0.5;
    ask.topP = 0.9;
    c.client().read(c.send(route, ask, c.upstream().reply(Script.text("Hello"))), false);
  }

  static String name(WireFormat format) {
    return switch (format) {
      case OPENAI -> "OpenAI";
      case ANTHROPIC -> "Anthropic";
      case GEMINI -> "Gemini";
    };
  }
}
