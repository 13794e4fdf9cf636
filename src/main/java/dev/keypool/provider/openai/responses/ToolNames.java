package dev.keypool.provider.openai.responses;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The names a translated Responses request gave the upstream for tools the upstream has no shape for,
 * and back: a function of a {@code namespace} tool is sent as one plain function named
 * {@code <namespace>__<name>} (the names other providers accept: at most 64 characters of
 * {@code [a-zA-Z0-9_-]}), and a {@code custom} (freeform) tool as a function with one string argument;
 * the answer's calls are written back as the client declared them. One per request; filled while the
 * request is read, read-only afterwards.
 */
public final class ToolNames {
  /** No tool renamed: every call keeps its name. */
  public static final ToolNames NONE = new ToolNames();

  /** The longest function name Anthropic, OpenAI chat and Gemini all accept. */
  static final int MAX_NAME = 64;

  /**
   * What the client called a tool that the upstream knows by another name or shape.
   *
   * @param namespace the namespace of a namespaced function; null otherwise
   * @param name the function's (or custom tool's) own name
   * @param custom whether it is a freeform tool, whose call is a {@code custom_tool_call} with {@code input}
   */
  public record Origin(String namespace, String name, boolean custom) {}

  private final Map<String, Origin> byUpstream = new HashMap<>();
  private final Map<String, String> byQualified = new HashMap<>();
  private final Set<String> taken = new HashSet<>();

  ToolNames() {}

  /** What the client called the tool the upstream calls {@code upstreamName}; null when it is the same. */
  public Origin origin(String upstreamName) {
    return upstreamName == null ? null : byUpstream.get(upstreamName);
  }

  /** Reserves a plain function's name, so that no flattened name takes it. */
  void plain(String name) {
    taken.add(name);
  }

  /** Declares a freeform tool; its upstream name is its own. */
  void custom(String name) {
    taken.add(name);
    byUpstream.put(name, new Origin(null, name, true));
  }

  /**
   * The upstream name of function {@code name} of {@code namespace}, declared now if new: the same
   * pair always gets the same name within a request, so calls from earlier turns match the tools.
   */
  String namespaced(String namespace, String name) {
    String key = namespace + '\u0000' + name;
    String known = byQualified.get(key);
    if (known != null) {
      return known;
    }
    String flat = unique(flatten(namespace, name));
    byQualified.put(key, flat);
    byUpstream.put(flat, new Origin(namespace, name, false));
    taken.add(flat);
    return flat;
  }

  /**
   * {@code <namespace>__<name>}, or the two joined as they are when the namespace already ends with a
   * separator (Codex names MCP namespaces {@code mcp__<server>__}); characters other providers refuse
   * become {@code _}, and a name too long keeps its start and a checksum of the whole.
   */
  static String flatten(String namespace, String name) {
    String joined = namespace.endsWith("_") || namespace.isEmpty() ? namespace + name : namespace + "__" + name;
    String safe = joined.replaceAll("[^A-Za-z0-9_-]", "_");
    if (safe.length() <= MAX_NAME) {
      return safe;
    }
    CRC32 crc = new CRC32();
    crc.update(joined.getBytes(StandardCharsets.UTF_8));
    String sum = String.format("%08x", crc.getValue());
    return safe.substring(0, MAX_NAME - sum.length() - 1) + "_" + sum;
  }

  private String unique(String flat) {
    String candidate = flat;
    for (int n = 2; taken.contains(candidate); n++) {
      String suffix = "_" + n;
      candidate = flat.substring(0, Math.min(flat.length(), MAX_NAME - suffix.length())) + suffix;
    }
    return candidate;
  }
}
