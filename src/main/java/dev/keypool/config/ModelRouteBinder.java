package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds and validates one entry of {@code models}. Route settings left out inherit from
 * {@code routing}; candidates must name a declared provider.
 */
final class ModelRouteBinder {

  private ModelRouteBinder() {}

  static ModelRouteConfig bind(FieldReader r, RoutingConfig routing, Set<String> providerIds) {
    String id = r.string("id", "").trim();
    if (id.isEmpty()) {
      r.errors().add(r.path("id"), "required (the model name clients send)");
    } else if (id.chars().anyMatch(Character::isWhitespace)) {
      r.errors().add(r.path("id"), "must not contain whitespace (was \"" + id + "\")");
    }
    Strategy strategy = r.choice("strategy", Strategy.class, routing.defaultStrategy());
    int maxAttempts = r.integer("max_attempts", routing.maxAttempts(), 1, 100);
    int callsPerRotation = r.integer("calls_per_rotation", routing.callsPerRotation(), 1, Integer.MAX_VALUE);
    List<String> aliases = new ArrayList<>();
    for (String alias : r.strings("aliases", List.of())) {
      String a = alias.trim();
      if (a.isEmpty() || a.chars().anyMatch(Character::isWhitespace)) {
        r.errors().add(r.path("aliases"), "an alias must be non-empty without whitespace (was \"" + alias + "\")");
      } else {
        aliases.add(a);
      }
    }
    int maxTokens = r.integer("max_tokens", ConfigDefaults.MAX_TOKENS, 1, 10_000_000);
    boolean fakeStream = r.bool("fake_stream", false);
    var keepAlive = r.duration("keep_alive", ConfigDefaults.KEEP_ALIVE, false);
    HostedTools hostedTools = r.choice("hosted_tools", HostedTools.class, HostedTools.DROP);
    OverLimit overLimit = r.choice("max_tokens_over_limit", OverLimit.class, OverLimit.CLAMP);
    AffinityConfig affinity = AffinityBinder.bind(r);
    List<ModelRouteConfig.Candidate> candidates = new ArrayList<>();
    List<FieldReader> given = r.objects("candidates");
    if (given.isEmpty()) {
      r.errors().add(r.path("candidates"), "required: at least one { provider, model }");
    }
    for (FieldReader c : given) {
      candidates.add(candidate(c, id, providerIds));
    }
    r.finish();
    return new ModelRouteConfig(id, candidates, strategy, maxAttempts, callsPerRotation, aliases, maxTokens, fakeStream,
        keepAlive, hostedTools, overLimit, affinity);
  }

  private static ModelRouteConfig.Candidate candidate(FieldReader r, String routeId, Set<String> providerIds) {
    String provider = r.string("provider", "");
    String declared = providerIds.isEmpty() ? "none" : String.join(", ", providerIds);
    if (provider.isEmpty()) {
      r.errors().add(r.path("provider"), "required (declared: " + declared + ")");
    } else if (!providerIds.contains(provider)) {
      r.errors().add(r.path("provider"), "unknown provider \"" + provider + "\" (declared: " + declared + ")");
    }
    String model = r.string("model", routeId).trim();
    if (model.isEmpty()) {
      r.errors().add(r.path("model"), "must not be empty");
    }
    r.finish();
    return new ModelRouteConfig.Candidate(provider, model);
  }
}
