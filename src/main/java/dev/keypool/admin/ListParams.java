package dev.keypool.admin;

import dev.keypool.relay.ClientText;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters each admin listing takes, in one place. Any other parameter is a 400 naming it:
 * a misspelt filter ({@code ?modle=}) would otherwise be ignored and show every row as if it matched.
 */
final class ListParams {
  /** How much of an unknown name an error quotes: enough to recognise it, never the whole query string. */
  static final int SHOWN_NAME_LENGTH = 40;

  private static final Set<String> RANGE = Set.of("from", "to");
  private static final Set<String> RANKING = Set.of("from", "to", "rank_by", "limit");

  /** Path (as the router spells it) to the names its handler reads. */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("/api/requests", Set.of("from", "to", "model", "status", "outcome", "provider_key", "gateway_key",
          "user", "org", "q", "limit", "cursor")),
      Map.entry("/api/requests/live", Set.of("model", "gateway_key", "outcome")),
      Map.entry("/api/logs", Set.of("level", "after", "limit", "q")),
      Map.entry("/api/logs/live", Set.of("level")),
      Map.entry("/api/logs/file", Set.of()),
      Map.entry("/api/provider-keys", Set.of()),
      Map.entry("/api/provider-keys/:id/checks", Set.of("limit")),
      Map.entry("/api/provider-keys/:id/balance", Set.of("history")),
      Map.entry("/api/providers/:id/balances", Set.of()),
      Map.entry("/api/settings", Set.of()),
      Map.entry("/api/providers", Set.of()),
      Map.entry("/api/providers/:id/upstream-models", Set.of("refresh")),
      Map.entry("/api/gateway-keys", Set.of("include_deleted", "user_id", "org_id")),
      Map.entry("/api/users", Set.of("org_id", "group", "limit", "offset")),
      Map.entry("/api/user-groups", Set.of("limit", "offset")),
      Map.entry("/api/orgs", Set.of("limit", "offset")),
      Map.entry("/api/statistics/overview", RANGE),
      Map.entry("/api/statistics/errors", RANGE),
      Map.entry("/api/statistics/timeline", Set.of("from", "to", "bucket")),
      Map.entry("/api/gateway-keys/:id/timeline", Set.of("from", "to", "bucket")),
      Map.entry("/api/statistics/attempts", Set.of("from", "to", "limit")),
      Map.entry("/api/statistics/provider-keys", RANKING),
      Map.entry("/api/statistics/gateway-keys", RANKING),
      Map.entry("/api/statistics/users", RANKING),
      Map.entry("/api/statistics/orgs", RANKING),
      Map.entry("/api/statistics/models", RANKING),
      Map.entry("/api/statistics/providers", RANKING),
      Map.entry("/api/alerts", Set.of("limit", "rule")));

  private ListParams() {}

  /** Puts the check in front of each listing; mount before the listings' own routes. */
  static void mount(Router router) {
    ALLOWED.forEach((path, names) -> router.get(path).handler(rc -> check(rc, names)));
  }

  private static void check(RoutingContext rc, Set<String> allowed) {
    for (String name : rc.queryParams().names()) {
      if (!allowed.contains(name)) {
        AdminJson.error(rc, 400, "invalid_request", "Unknown query parameter " + ClientText.quoted(name, SHOWN_NAME_LENGTH)
            + (allowed.isEmpty() ? "; this listing takes none." : "; this listing takes " + String.join(", ",
                allowed.stream().sorted().toList()) + "."));
        return;
      }
    }
    rc.next();
  }
}
