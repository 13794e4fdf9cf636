package dev.keypool.conformance;

import dev.keypool.testkit.WireFormat;
import dev.keypool.translate.Usage;
import java.util.List;

/**
 * What the fake upstream answers, independent of its wire format: each {@link UpstreamDialect} writes
 * it as a JSON body or a stream of its own shape, whichever the request asked for.
 *
 * @param deltas the answer text, one stream delta each (joined for a JSON body); empty for none
 * @param thinking visible reasoning before the text, or null
 * @param toolArgs the arguments of one {@link Ask#TOOL} call, or null for no call
 * @param stop why the model stopped
 * @param usage the counts in the canonical meaning (cache and reasoning inside input and output)
 */
record Script(List<String> deltas, String thinking, String toolArgs, Stop stop, Usage usage) {
  /** The stop reasons the cases use, with how each format spells them (Gemini says STOP for tool calls too). */
  enum Stop {
    END("stop", "end_turn", "STOP"),
    MAX_TOKENS("length", "max_tokens", "MAX_TOKENS"),
    /** One of the request's stop sequences ({@link Script#STOP_SEQUENCE}) ended the answer. */
    STOP_SEQUENCE("stop", "stop_sequence", "STOP"),
    TOOL_USE("tool_calls", "tool_use", "STOP");

    private final String openAi;
    private final String anthropic;
    private final String gemini;

    Stop(String openAi, String anthropic, String gemini) {
      this.openAi = openAi;
      this.anthropic = anthropic;
      this.gemini = gemini;
    }

    String in(WireFormat format) {
      return switch (format) {
        case OPENAI -> openAi;
        case ANTHROPIC -> anthropic;
        case GEMINI -> gemini;
      };
    }
  }

  /** The stop sequence an upstream reports when it stopped on one (only Anthropic says which). */
  static final String STOP_SEQUENCE = "END";
  static final Usage DEFAULT_USAGE = new Usage(21, 8, 0, 0, 0);

  static Script text(String... deltas) {
    return new Script(List.of(deltas), null, null, Stop.END, DEFAULT_USAGE);
  }

  static Script toolCall(String argsJson) {
    return new Script(List.of(), null, argsJson, Stop.TOOL_USE, DEFAULT_USAGE);
  }

  Script stoppedBy(Stop reason) {
    return new Script(deltas, thinking, toolArgs, reason, usage);
  }

  Script withUsage(Usage u) {
    return new Script(deltas, thinking, toolArgs, stop, u);
  }

  Script withThinking(String text) {
    return new Script(deltas, text, toolArgs, stop, usage);
  }

  String text() {
    return String.join("", deltas);
  }
}
