package dev.keypool.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds the root of the configuration tree to {@link GatewayConfig}, applying defaults and checking
 * each field as it is read, where its path is at hand. Sections with more than a few fields have a
 * binder of their own. The result is only meaningful when no error was recorded.
 */
final class GatewayConfigBinder {

  private static final Pattern FORWARD_HEADER = Pattern.compile("[a-z0-9!#$%&'+.^_`|~-]+\\*?");

  private GatewayConfigBinder() {}

  static GatewayConfig bind(FieldReader root) {
    ListenersConfig listeners = listeners(root.object("listeners"));
    StorageConfig storage = StorageBinder.bind(root.object("storage"));
    AdminConfig admin = admin(root.object("admin"));
    LimitsConfig limits = limits(root.object("limits"));
    HeaderPolicyConfig headers = headers(root.object("headers"));
    RoutingConfig routing = RoutingBinder.bind(root.object("routing"));
    List<ProviderConfig> providers = providers(root);
    Set<String> providerIds = new LinkedHashSet<>();
    providers.forEach(p -> providerIds.add(p.id()));
    List<ModelRouteConfig> models = new ArrayList<>();
    Uniqueness modelIds = new Uniqueness("model id", false);
    for (FieldReader m : root.objects("models")) {
      ModelRouteConfig model = ModelRouteBinder.bind(m, routing, providerIds);
      modelIds.check(root.errors(), m.path("id"), model.id());
      for (String alias : model.aliases()) {
        modelIds.check(root.errors(), m.path("aliases"), alias);
      }
      models.add(model);
    }
    List<GatewayKeyConfig> gatewayKeys = gatewayKeys(root, providerIds);
    PricesConfig prices = PricesBinder.bind(root);
    BillingConfig billing = BillingBinder.bind(root.object("billing"));
    TrackingConfig tracking = tracking(root.object("tracking"));
    QuotasConfig quotas = QuotasBinder.bind(root.object("quotas"));
    LoggingConfig logging = LoggingBinder.bind(root.object("logging"));
    HealthChecksConfig healthChecks = HealthChecksBinder.bind(root.object("health_checks"));
    BalancesConfig balances = BalancesBinder.bind(root.object("balances"));
    AlertsConfig alerts = AlertsBinder.bind(root.object("alerts"));
    CorsConfig cors = CorsBinder.bind(root.object("cors"));
    ProxyConfig proxy = ProxyBinder.global(root.object("proxy"));
    ModelLimitsConfig modelLimits = ModelLimitsBinder.bind(root);
    root.finish();
    return new GatewayConfig(listeners, storage, providers, models, routing, gatewayKeys, headers, admin, limits,
        prices, billing, tracking, quotas, logging, ConfigOrigins.NONE, ProviderPins.none(), healthChecks, balances,
        alerts, cors, proxy, modelLimits);
  }

  private static TrackingConfig tracking(FieldReader r) {
    var tracking = new TrackingConfig(r.bool("enabled", true),
        r.duration("retention", ConfigDefaults.RECORD_RETENTION, true),
        r.duration("hourly_retention", ConfigDefaults.HOURLY_ROLLUP_RETENTION, true));
    r.finish();
    return tracking;
  }

  private static ListenersConfig listeners(FieldReader r) {
    var proxy = listener(r.object("proxy"), ConfigDefaults.PROXY_HOST, ConfigDefaults.PROXY_PORT,
        ConfigDefaults.PROXY_MAX_CONNECTIONS, true);
    var admin = listener(r.object("admin"), ConfigDefaults.ADMIN_HOST, ConfigDefaults.ADMIN_PORT,
        ConfigDefaults.ADMIN_MAX_CONNECTIONS, false);
    r.finish();
    return new ListenersConfig(proxy, admin);
  }

  private static ListenersConfig.Listener listener(FieldReader r, String host, int port, int maxConnections,
      boolean proxy) {
    String h = r.string("host", host).trim();
    if (h.isEmpty()) {
      r.errors().add(r.path("host"), "must not be empty (e.g. 0.0.0.0 for every interface, 127.0.0.1 for local only)");
    }
    int p = r.integer("port", port, 0, 65535);
    int max = r.integer("max_connections", maxConnections, 1, 10_000_000);
    var listener = new ListenersConfig.Listener(h, p, max, proxy ? healthPath(r) : "", trustedProxies(r));
    r.finish();
    return listener;
  }

  /** {@code trusted_proxies}: IP addresses or CIDR blocks; a bad entry is an error naming it. */
  private static dev.keypool.gatewaykey.IpAllowList trustedProxies(FieldReader r) {
    try {
      return new dev.keypool.gatewaykey.IpAllowList(r.strings("trusted_proxies", List.of()));
    } catch (IllegalArgumentException e) {
      r.errors().add(r.path("trusted_proxies"), e.getMessage());
      return dev.keypool.gatewaykey.IpAllowList.ANY;
    }
  }

  /**
   * The proxy port's probe path: empty turns it off; otherwise a plain path outside the API's own
   * ({@code /v1...}), so a probe can never shadow an endpoint.
   */
  private static String healthPath(FieldReader r) {
    String path = r.string("health_path", ConfigDefaults.PROXY_HEALTH_PATH).trim();
    if (!path.isEmpty() && (!path.matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*") || path.startsWith("/v1"))) {
      r.errors().add(r.path("health_path"), "must be empty (off) or a path such as /health, of letters, digits,"
          + " . _ ~ - and slashes, not ending in a slash and not under /v1 (was \"" + path + "\")");
    }
    return path;
  }

  private static AdminConfig admin(FieldReader r) {
    // The token is optional now that operators log in; when given it must still be hard to guess.
    String token = r.secret("token");
    if (!token.isEmpty() && token.length() < ConfigDefaults.ADMIN_TOKEN_MIN_LENGTH) {
      r.errors().add(r.path("token"), "must be at least " + ConfigDefaults.ADMIN_TOKEN_MIN_LENGTH + " characters");
    }
    String username = r.string("username", ConfigDefaults.ADMIN_USERNAME).trim();
    if (!username.matches(ConfigDefaults.ADMIN_USERNAME_PATTERN)) {
      r.errors().add(r.path("username"), "must be 1-64 of a-z 0-9 _ . @ - starting with a letter or digit (was \""
          + username + "\")");
    }
    String password = r.secret("password");
    if (!password.isEmpty() && (password.length() < ConfigDefaults.ADMIN_PASSWORD_MIN_LENGTH
        || password.length() > ConfigDefaults.ADMIN_PASSWORD_MAX_LENGTH)) {
      r.errors().add(r.path("password"), "must be " + ConfigDefaults.ADMIN_PASSWORD_MIN_LENGTH + ".."
          + ConfigDefaults.ADMIN_PASSWORD_MAX_LENGTH + " characters");
    }
    var admin = new AdminConfig(token, username, password,
        r.duration("session_ttl", ConfigDefaults.ADMIN_SESSION_TTL, false),
        r.integer("login_max_failures", ConfigDefaults.ADMIN_LOGIN_MAX_FAILURES, 1, 1000),
        r.duration("login_window", ConfigDefaults.ADMIN_LOGIN_WINDOW, false),
        trustedOrigins(r));
    r.finish();
    return admin;
  }

  /** {@code admin.trusted_origins}: each an origin as a browser sends it, normalized to lower case. */
  private static List<String> trustedOrigins(FieldReader r) {
    return OriginList.read(r, "trusted_origins", null);
  }

  private static LimitsConfig limits(FieldReader r) {
    var limits = new LimitsConfig(r.bytes("max_body_bytes", ConfigDefaults.MAX_BODY_BYTES),
        r.duration("header_timeout", ConfigDefaults.HEADER_TIMEOUT, false),
        r.duration("body_timeout", ConfigDefaults.BODY_TIMEOUT, false),
        r.duration("drain_timeout", ConfigDefaults.DRAIN_TIMEOUT, true));
    r.finish();
    return limits;
  }

  private static HeaderPolicyConfig headers(FieldReader r) {
    List<String> forward = new ArrayList<>();
    List<String> given = r.strings("forward", ConfigDefaults.FORWARD_HEADERS);
    for (int i = 0; i < given.size(); i++) {
      String name = given.get(i).trim().toLowerCase(Locale.ROOT);
      if (FORWARD_HEADER.matcher(name).matches()) {
        forward.add(name);
      } else {
        r.errors().add(ConfigPaths.index(r.path("forward"), i),
            "not a header name or prefix* (was \"" + given.get(i) + "\")");
      }
    }
    r.finish();
    return new HeaderPolicyConfig(forward);
  }

  private static List<ProviderConfig> providers(FieldReader root) {
    List<ProviderConfig> providers = new ArrayList<>();
    Uniqueness ids = new Uniqueness("provider id", false);
    for (FieldReader p : root.objects("providers")) {
      ProviderConfig provider = ProviderBinder.bind(p);
      ids.check(root.errors(), p.path("id"), provider.id());
      providers.add(provider);
    }
    return providers;
  }

  private static List<GatewayKeyConfig> gatewayKeys(FieldReader root, Set<String> providerIds) {
    List<GatewayKeyConfig> keys = new ArrayList<>();
    Uniqueness names = new Uniqueness("gateway key name", false);
    Uniqueness values = new Uniqueness("gateway key", true);
    for (FieldReader k : root.objects("gateway_keys")) {
      GatewayKeyConfig key = GatewayKeyBinder.bind(k);
      GatewayKeyBinder.checkProviders(k, key, providerIds);
      names.check(root.errors(), k.path("name"), key.name());
      values.check(root.errors(), k.path("key"), key.key());
      keys.add(key);
    }
    return keys;
  }
}
