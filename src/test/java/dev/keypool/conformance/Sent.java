package dev.keypool.conformance;

import java.util.List;

/**
 * What the fake upstream received, read back from its wire format into format-independent values.
 *
 * @param transcript one line per content part, in order: {@code user: text Hi},
 *     {@code user: image base64 image/png ...}, {@code user: image url ...},
 *     {@code assistant: call c1 get_weather {...}}, {@code result c1 22C}; calls are numbered in order
 *     and results name the call they answer by that number ({@code c?} when it matches none), so the
 *     pairing survives whatever ids (or, for Gemini, names) the format uses
 * @param tools the names of the declared tools, each followed by its parameters' property names
 * @param forcedTool the tool the request forces, or null
 */
record Sent(String model, boolean stream, String system, List<String> transcript, List<String> tools,
    String forcedTool, List<String> stop, Integer maxTokens, Double temperature, Double topP) {}
