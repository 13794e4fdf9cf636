package dev.keypool.settings;

import dev.keypool.config.ModelRouteConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The model routes in effect. A route set or changed at run time is reported as {@code database} at
 * the path of the file's route it replaces (or after the file's routes, when it is new); a file route
 * removed at run time shows as a {@code null} value from the database.
 */
final class RouteSettings {

  private RouteSettings() {}

  /**
   * @param declared the file's routes
   * @param effective the routes in effect, file and run time
   * @param changedAtRunTime whether a route id was set or changed at run time
   */
  static void collect(List<ModelRouteConfig> declared, List<ModelRouteConfig> effective,
      Predicate<String> changedAtRunTime, SettingsCollector out) {
    Set<String> present = new HashSet<>();
    int next = declared.size();
    for (ModelRouteConfig route : effective) {
      present.add(route.id());
      int index = FileIndex.of(declared, ModelRouteConfig::id, route.id());
      String path = "models[" + (index >= 0 ? index : next++) + "]";
      route(changedAtRunTime.test(route.id()) ? out.atRunTime() : out, path, route);
    }
    for (int i = 0; i < declared.size(); i++) {
      if (!present.contains(declared.get(i).id())) {
        out.atRunTime().put("models[" + i + "]", null)
            .put("note", "route " + declared.get(i).id() + " of the file was removed at run time");
      }
    }
  }

  private static void route(SettingsCollector out, String path, ModelRouteConfig r) {
    out.put(path + ".id", r.id());
    out.put(path + ".candidates", r.candidates().stream().map(RouteSettings::candidate).toList());
    out.put(path + ".aliases", r.aliases());
    out.put(path + ".strategy", r.strategy());
    out.put(path + ".max_attempts", r.maxAttempts());
    out.put(path + ".calls_per_rotation", r.callsPerRotation());
    out.put(path + ".max_tokens", r.maxTokens());
    out.put(path + ".fake_stream", r.fakeStream());
    out.put(path + ".keep_alive", r.keepAlive());
    out.put(path + ".hosted_tools", r.hostedTools());
    out.put(path + ".max_tokens_over_limit", r.maxTokensOverLimit());
    out.put(path + ".affinity.enabled", r.affinity().enabled());
    out.put(path + ".affinity.sources", r.affinity().sources());
    out.put(path + ".affinity.ttl", r.affinity().ttl());
    out.put(path + ".affinity.max_sessions", r.affinity().maxSessions());
  }

  private static Map<String, String> candidate(ModelRouteConfig.Candidate c) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("provider", c.provider());
    out.put("model", c.model());
    return out;
  }
}
