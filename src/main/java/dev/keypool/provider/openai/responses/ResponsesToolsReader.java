package dev.keypool.provider.openai.responses;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import dev.keypool.translate.UntranslatableRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Responses request's {@code tools} and {@code tool_choice} for a chat upstream. Functions stay
 * functions; the functions of a {@code namespace} tool become plain functions with flattened names
 * ({@link ToolNames}); a {@code custom} (freeform) tool becomes a function with one string argument,
 * {@code input}, its grammar told in the description (the upstream cannot enforce it); every other type
 * is a hosted tool the provider would run itself ({@code web_search}, {@code file_search},
 * {@code code_interpreter}, {@code local_shell}, {@code mcp}, ...), which no chat upstream can: it is
 * left out and named in {@link #hosted()}, for the route to drop or refuse.
 */
final class ResponsesToolsReader {
  private final ToolNames names = new ToolNames();
  private final List<Tool> tools = new ArrayList<>();
  private final Set<String> hosted = new LinkedHashSet<>();

  ResponsesToolsReader(JsonNode declared) {
    // Plain names first, so that a flattened name never takes a function's own name.
    for (JsonNode t : declared) {
      String type = Nodes.text(t, "type");
      if ("function".equals(type)) {
        names.plain(Nodes.text(t, "name"));
      } else if ("custom".equals(type)) {
        names.custom(Nodes.text(t, "name"));
      }
    }
    for (JsonNode t : declared) {
      String type = Nodes.text(t, "type");
      switch (type == null ? "" : type) {
        case "function" -> tools.add(function(Nodes.text(t, "name"), Nodes.text(t, "description"), t));
        case "namespace" -> namespace(t);
        case "custom" -> tools.add(custom(t));
        default -> hosted.add(type);
      }
    }
  }

  ToolNames names() {
    return names;
  }

  List<Tool> tools() {
    return tools;
  }

  /** The types of the hosted tools left out, in order, each once. */
  List<String> hosted() {
    return List.copyOf(hosted);
  }

  private static Tool function(String name, String description, JsonNode t) {
    return new Tool(name, description, t.get("parameters"));
  }

  /** Each function of the group as a plain function; the group's description closes each one's. */
  private void namespace(JsonNode t) {
    String namespace = Nodes.text(t, "name");
    String about = Nodes.text(t, "description");
    for (JsonNode member : t.path("tools")) {
      String type = Nodes.text(member, "type");
      if (type != null && !type.equals("function")) {
        throw untranslatable("tools of type '" + type + "' inside a namespace");
      }
      String description = Nodes.text(member, "description");
      if (about != null && !about.isBlank()) {
        description = (description == null ? "" : description + "\n\n") + "(" + namespace + ": " + about + ")";
      }
      tools.add(function(names.namespaced(namespace, Nodes.text(member, "name")), description, member));
    }
  }

  private static Tool custom(JsonNode t) {
    StringBuilder description = new StringBuilder(Nodes.text(t, "description") == null ? ""
        : Nodes.text(t, "description"));
    JsonNode format = t.path("format");
    if ("grammar".equals(Nodes.text(format, "type"))) {
      description.append(description.isEmpty() ? "" : "\n\n").append("The input must follow this ")
          .append(Nodes.text(format, "syntax")).append(" grammar:\n").append(Nodes.text(format, "definition"));
    }
    ObjectNode schema = F.objectNode().put("type", "object");
    schema.putObject("properties").putObject("input").put("type", "string")
        .put("description", "The tool's whole input, as free text.");
    schema.putArray("required").add("input");
    schema.put("additionalProperties", false);
    return new Tool(Nodes.text(t, "name"), description.toString(), schema);
  }

  /** The choice in upstream names; a choice of a hosted tool cannot be honoured and is refused. */
  ToolChoice choice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isObject()) {
      String type = Nodes.text(choice, "type");
      String name = Nodes.text(choice, "name");
      String namespace = Nodes.text(choice, "namespace");
      return switch (type == null ? "" : type) {
        case "function" -> ToolChoice.specific(namespace == null ? name : names.namespaced(namespace, name));
        case "custom" -> ToolChoice.specific(name);
        default -> throw untranslatable("'tool_choice' of type '" + type + "'");
      };
    }
    return switch (choice.asText()) {
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default -> ToolChoice.AUTO;
    };
  }

  static UntranslatableRequest untranslatable(String feature) {
    return new UntranslatableRequest(feature + " is not supported when this model is served by a provider "
        + "without the Responses API: Keypool translates such requests to chat, which has no equivalent.");
  }
}
