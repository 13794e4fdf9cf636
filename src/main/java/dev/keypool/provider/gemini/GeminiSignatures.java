package dev.keypool.provider.gemini;

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
}
