package dev.keypool.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.fuzz.Outcomes.Refusal;
import dev.keypool.provider.anthropic.AnthropicMessagesMapper;
import dev.keypool.provider.anthropic.AnthropicVersion;
import dev.keypool.provider.gemini.GeminiMapper;
import dev.keypool.provider.openai.OpenAiChatMapper;
import dev.keypool.provider.openai.OpenAiCompletions;
import dev.keypool.provider.openai.responses.ResponsesRequestReader;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.GeminiCall;
import dev.keypool.relay.RequestBody;
import dev.keypool.translate.ChatRequest;
import java.util.function.Function;

/**
 * Fuzzes what a client's body goes through before any upstream call: the relay's one-pass scan
 * ({@link RequestBody}) and, for a translated request, the reader of each client format into the
 * canonical request followed by the writers of every upstream format. Inputs are raw bodies; the
 * regression inputs under {@code RequestReadersFuzzTestInputs/<method>/} are real requests of each
 * format plus what earlier fuzzing found (see docs/testing.md for a fuzzing run).
 */
class RequestReadersFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GeminiCall GEMINI = GeminiCall.parse("/v1beta/models/gemini-test:streamGenerateContent", "sse");

  @FuzzTest(maxDuration = "10s")
  void requestBodyScan(byte[] body) {
    Outcomes.check("RequestBody.parse", Refusal.API_EXCEPTION, () -> {
      RequestBody scanned = RequestBody.parse(body);
      scanned.forUpstream("upstream-model", true);
      scanned.forUpstream(scanned.model(), false);
    });
    Outcomes.check("RequestBody.parse for Gemini", Refusal.API_EXCEPTION, () -> RequestBody.parse(body, GEMINI));
  }

  @FuzzTest(maxDuration = "10s")
  void openAiChatReader(byte[] body) {
    translate("openai chat", body, null, OpenAiChatMapper::readRequest);
  }

  @FuzzTest(maxDuration = "10s")
  void openAiCompletionsReader(byte[] body) {
    ChatRequest request = translate("openai completions", body, null, OpenAiCompletions::readRequest);
    if (request != null) {
      // A completions client on a completions upstream (a fake stream) gets its request written back.
      Outcomes.check("completions to completions", Refusal.NONE, () -> OpenAiCompletions.writeRequest(request));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void responsesReader(byte[] body) {
    translate("responses", body, null, ResponsesRequestReader::read);
  }

  @FuzzTest(maxDuration = "10s")
  void anthropicReader(byte[] body) {
    translate("anthropic messages", body, null, AnthropicMessagesMapper::readRequest);
  }

  @FuzzTest(maxDuration = "10s")
  void geminiReader(byte[] body) {
    translate("gemini generateContent", body, GEMINI,
        tree -> GeminiMapper.readRequest(tree, GEMINI.model(), GEMINI.stream()));
  }

  /**
   * As the translating relay does: a body the scan accepted is read as a tree, then into the canonical
   * request, which is then written for each upstream format. Returns the canonical request, or null
   * when the body was refused.
   */
  private static ChatRequest translate(String format, byte[] body, GeminiCall gemini,
      Function<JsonNode, ChatRequest> reader) {
    try {
      RequestBody.parse(body, gemini);
    } catch (ApiException refused) {
      return null; // a 400 before any reader runs
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (java.io.IOException e) {
      // The scan does not decode the strings it skips (invalid UTF-8 passes it); the translation's
      // reading of the tree then answers 400 (relay/translate/Translations).
      return null;
    }
    ChatRequest[] read = new ChatRequest[1];
    Outcomes.check(format + " reader", Refusal.TRANSLATION_REFUSAL, () -> read[0] = reader.apply(tree));
    ChatRequest request = read[0];
    if (request == null) {
      return null;
    }
    Outcomes.check(format + " to openai", Refusal.NONE, () -> OpenAiChatMapper.writeRequest(request));
    for (AnthropicVersion version : AnthropicVersion.values()) {
      Outcomes.check(format + " to anthropic " + version.header(), Refusal.NONE,
          () -> AnthropicMessagesMapper.writeRequest(request, version, 4096));
    }
    Outcomes.check(format + " to gemini", Refusal.NONE, () -> GeminiMapper.writeRequest(request));
    return request;
  }
}
