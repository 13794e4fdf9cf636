package dev.keypool.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.provider.ErrorBodies;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of {@code GET /v1/models} and {@code GET /v1/models/{id}}: the public model ids of the
 * routes the caller may use, in OpenAI's shape, or in Anthropic's when the client sent {@code anthropic-version}.
 * Anthropic's shape carries the route's limits ({@code max_input_tokens}, {@code max_tokens}: those of
 * its first candidate's model in the limits catalog, when known); OpenAI's model object has no field
 * for them.
 */
final class ModelList {
  private ModelList() {}

  static Buffer openAi(List<ModelRouteConfig> routes, Instant created) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (ModelRouteConfig r : routes) {
      data.add(openAiModel(r, created));
    }
    return Buffer.buffer(root.toString());
  }

  static ObjectNode openAiModel(ModelRouteConfig r, Instant created) {
    return ErrorBodies.json().createObjectNode().put("id", r.id()).put("object", "model")
        .put("created", created.getEpochSecond()).put("owned_by", r.candidates().get(0).provider());
  }

  static ObjectNode anthropicModel(ModelRouteConfig r, Instant created, ModelLimitCatalog limits) {
    ObjectNode model = ErrorBodies.json().createObjectNode().put("type", "model").put("id", r.id())
        .put("display_name", r.id()).put("created_at", created.toString());
    limits.find(r.candidates().get(0).model()).ifPresent(l -> {
      if (l.contextWindow() > 0) {
        model.put("max_input_tokens", l.contextWindow());
      }
      if (l.knowsMaxOutput()) {
        model.put("max_tokens", l.maxOutputTokens());
      }
    });
    return model;
  }

  static Buffer anthropic(List<ModelRouteConfig> all, Instant created, ModelLimitCatalog limits) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    ArrayNode data = root.putArray("data");
    for (ModelRouteConfig r : all) {
      data.add(anthropicModel(r, created, limits));
    }
    root.put("has_more", false);
    if (all.isEmpty()) {
      root.putNull("first_id").putNull("last_id");
    } else {
      root.put("first_id", all.get(0).id()).put("last_id", all.get(all.size() - 1).id());
    }
    return Buffer.buffer(root.toString());
  }
}
