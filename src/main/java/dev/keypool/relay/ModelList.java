package dev.keypool.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.provider.ErrorBodies;
import dev.keypool.routing.ModelRoutes;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of {@code GET /v1/models} and {@code GET /v1/models/{id}}: the public model ids of the
 * routes, in OpenAI's shape, or in Anthropic's when the client sent {@code anthropic-version}.
 */
final class ModelList {
  private ModelList() {}

  static Buffer openAi(ModelRoutes routes, Instant created) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (ModelRouteConfig r : routes.listed()) {
      data.add(openAiModel(r, created));
    }
    return Buffer.buffer(root.toString());
  }

  static ObjectNode openAiModel(ModelRouteConfig r, Instant created) {
    return ErrorBodies.json().createObjectNode().put("id", r.id()).put("object", "model")
        .put("created", created.getEpochSecond()).put("owned_by", r.candidates().get(0).provider());
  }

  static ObjectNode anthropicModel(ModelRouteConfig r, Instant created) {
    return ErrorBodies.json().createObjectNode().put("type", "model").put("id", r.id()).put("display_name", r.id())
        .put("created_at", created.toString());
  }

  static Buffer anthropic(ModelRoutes routes, Instant created) {
    ObjectNode root = ErrorBodies.json().createObjectNode();
    ArrayNode data = root.putArray("data");
    List<ModelRouteConfig> all = routes.listed();
    for (ModelRouteConfig r : all) {
      data.add(anthropicModel(r, created));
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
