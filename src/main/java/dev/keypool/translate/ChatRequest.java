package dev.keypool.translate;

import java.util.List;

/**
 * A chat request in Keypool's canonical form, the meeting point of every wire format: each format reads
 * its own request into this and writes this out in its own shape. Fields a format does not send are
 * null (or empty lists); {@link #extras} keeps the fields that have no canonical meaning so that a
 * request read and written in the same format loses nothing.
 *
 * @param model the model asked for (the upstream name once routing has replaced it)
 * @param system system prompt parts ({@link ContentPart.Text}), in order; empty when none
 * @param messages the conversation, oldest first
 * @param tools tool definitions; empty when none
 * @param toolChoice how the model may use the tools; null when the client left it to the default
 * @param parallelToolCalls false when the client forbade parallel tool calls; null when unspecified
 * @param maxTokens the cap on generated tokens; null when unspecified
 * @param temperature sampling temperature as the client sent it (OpenAI 0-2, Anthropic 0-1)
 * @param topK top-k sampling (Anthropic only)
 * @param stop stop sequences; empty when none
 * @param stream whether the client asked for SSE
 * @param includeUsage whether the stream should carry usage (OpenAI {@code stream_options}); always
 *     true for formats that always send usage
 * @param user an end-user id (OpenAI {@code user}, Anthropic {@code metadata.user_id}); null when none
 * @param extras the fields without a canonical meaning, for a writer of the same format
 * @param reasoning how much to think; null when the client left it to the model's default
 */
public record ChatRequest(
    String model,
    List<ContentPart> system,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    Integer maxTokens,
    Double temperature,
    Double topP,
    Integer topK,
    List<String> stop,
    boolean stream,
    boolean includeUsage,
    String user,
    Extras extras,
    Reasoning reasoning) {

  public ChatRequest {
    system = List.copyOf(system);
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    stop = List.copyOf(stop);
    extras = extras == null ? Extras.NONE : extras;
  }

  /** This request for another model (routing replaces the public name with the upstream one). */
  public ChatRequest withModel(String upstreamModel) {
    return new ChatRequest(upstreamModel, system, messages, tools, toolChoice, parallelToolCalls, maxTokens,
        temperature, topP, topK, stop, stream, includeUsage, user, extras, reasoning);
  }

  /** This request streamed or not (a fake stream asks the upstream for one JSON answer). */
  public ChatRequest withStream(boolean streamed) {
    return new ChatRequest(model, system, messages, tools, toolChoice, parallelToolCalls, maxTokens,
        temperature, topP, topK, stop, streamed, includeUsage, user, extras, reasoning);
  }

  /** This request with the stream's usage switched on or off (the relay asks upstream for it, A2). */
  public ChatRequest withIncludeUsage(boolean include) {
    return new ChatRequest(model, system, messages, tools, toolChoice, parallelToolCalls, maxTokens,
        temperature, topP, topK, stop, stream, include, user, extras, reasoning);
  }

  /** This request with another cap on output (a route clamps a cap above the model's limit). */
  public ChatRequest withMaxTokens(Integer cap) {
    return new ChatRequest(model, system, messages, tools, toolChoice, parallelToolCalls, cap,
        temperature, topP, topK, stop, stream, includeUsage, user, extras, reasoning);
  }

  /** This request with another conversation (ids rewritten for a provider, say). */
  public ChatRequest withMessages(List<Message> conversation) {
    return new ChatRequest(model, system, conversation, tools, toolChoice, parallelToolCalls, maxTokens,
        temperature, topP, topK, stop, stream, includeUsage, user, extras, reasoning);
  }
}
