package dev.keypool.provider.gemini;

import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Carries a Gemini {@code thoughtSignature} through a client of another format inside the tool call's
 * id. Gemini 3 rejects a conversation whose earlier {@code functionCall} parts come back without the
 * signature it put on them, and neither OpenAI nor Anthropic clients have a field for it; the tool
 * call id is the one thing both send back verbatim, with the assistant turn and with the tool result.
 *
 * <p>The id is {@code gts_<n>_<original id><p><signature>}: {@code n} is the length of the original
 * id, {@code p} the number of {@code =} the signature (base64) ends with, and the signature is written in
 * the URL-safe alphabet without them, so the id keeps to the characters every client accepts
 * ({@code [A-Za-z0-9_-]}, Anthropic's tool id pattern). Reading the id back restores the standard
 * alphabet and the padding: the text Gemini sent.
 *
 * <p>Such ids go back only to Gemini. For any other provider {@link #withoutSignatures} gives each a
 * short id of its own: a signature is hundreds of characters and OpenAI refuses a tool call id longer
 * than 40, and it means nothing outside Gemini anyway.
 */
public final class GeminiSignatures {
  static final String PREFIX = "gts_";

  private GeminiSignatures() {}

  /** The id to show a client for a call {@code id} that carried {@code signature} (null: the id itself). */
  public static String sign(String id, String signature) {
    if (signature == null || signature.isEmpty()) {
      return id;
    }
    int end = signature.length();
    while (end > 0 && signature.charAt(end - 1) == '=' && signature.length() - end < 9) {
      end--;
    }
    String urlSafe = signature.substring(0, end).replace('+', '-').replace('/', '_');
    return PREFIX + id.length() + "_" + id + (signature.length() - end) + urlSafe;
  }

  /** The signature carried by an id made by {@link #sign}, or null when it carries none. */
  public static String signature(String id) {
    int lengthEnd = id == null || !id.startsWith(PREFIX) ? -1 : id.indexOf('_', PREFIX.length());
    if (lengthEnd < 0) {
      return null;
    }
    int length;
    try {
      length = Integer.parseInt(id, PREFIX.length(), lengthEnd, 10);
    } catch (NumberFormatException e) {
      return null;
    }
    int padAt = lengthEnd + 1 + length;
    if (length < 0 || padAt + 1 >= id.length() || !Character.isDigit(id.charAt(padAt))) {
      return null;
    }
    StringBuilder sig = new StringBuilder(id.length() - padAt + 8);
    sig.append(id, padAt + 1, id.length());
    for (int i = 0; i < sig.length(); i++) {
      char c = sig.charAt(i);
      sig.setCharAt(i, c == '-' ? '+' : c == '_' ? '/' : c);
    }
    sig.append("=".repeat(id.charAt(padAt) - '0'));
    return sig.toString();
  }

  /**
   * The request with every signed tool call id (and the results answering it) replaced by
   * {@code call_<hash>}: short, the same for a call and its results, and distinct for distinct calls
   * (two turns' calls may share the original id, which Anthropic would refuse). Unchanged when no id
   * carries a signature.
   */
  public static ChatRequest withoutSignatures(ChatRequest request) {
    boolean any = request.messages().stream().flatMap(m -> m.content().stream())
        .anyMatch(p -> p instanceof ToolCall c && signature(c.id()) != null
            || p instanceof ToolResult r && signature(r.callId()) != null);
    if (!any) {
      return request;
    }
    List<Message> messages = request.messages().stream()
        .map(m -> new Message(m.role(), m.content().stream().map(GeminiSignatures::unsigned).toList())).toList();
    return request.withMessages(messages);
  }

  private static ContentPart unsigned(ContentPart part) {
    return switch (part) {
      case ToolCall c when signature(c.id()) != null -> new ToolCall(shortId(c.id()), c.name(), c.argumentsJson());
      case ToolResult r when signature(r.callId()) != null -> new ToolResult(shortId(r.callId()), r.content(),
          r.isError());
      default -> part;
    };
  }

  private static String shortId(String signedId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(signedId.getBytes(StandardCharsets.UTF_8));
      return "call_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
