package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The value of every optional field that the file and the environment leave out, in one place so
 * {@code docs/configuration.md} can be checked against it.
 */
public final class ConfigDefaults {

  public static final String PROXY_HOST = "0.0.0.0";
  public static final int PROXY_PORT = 8080;
  // Loopback only: the admin API hands out keys and must not be reachable by accident.
  public static final String ADMIN_HOST = "127.0.0.1";
  public static final int ADMIN_PORT = 9090;
  /** 10,000 concurrent streams plus room for idle kept-alive connections. */
  public static final int PROXY_MAX_CONNECTIONS = 12_000;
  /** Where load balancers probe the proxy port; {@code /ready} appended for readiness. */
  public static final String PROXY_HEALTH_PATH = "/health";
  /** Operators, dashboards and metrics scrapers: few, but they must get through a flood of the proxy. */
  public static final int ADMIN_MAX_CONNECTIONS = 256;

  public static final String STORAGE_URL = "jdbc:sqlite:data/keypool.db";
  public static final int STORAGE_POOL_SIZE = 8;

  public static final int ADMIN_TOKEN_MIN_LENGTH = 16;
  public static final String ADMIN_USERNAME = "admin";
  /** Admin user names: lower case so that "Admin" and "admin" cannot be two accounts. */
  public static final String ADMIN_USERNAME_PATTERN = "[a-z0-9][a-z0-9_.@-]{0,63}";
  public static final int ADMIN_PASSWORD_MIN_LENGTH = 8;
  // Argon2 cost grows with the input only slightly, but a cap keeps request bodies of megabytes out of it.
  public static final int ADMIN_PASSWORD_MAX_LENGTH = 1024;
  public static final Duration ADMIN_SESSION_TTL = Duration.ofHours(12);
  public static final int ADMIN_LOGIN_MAX_FAILURES = 5;
  public static final Duration ADMIN_LOGIN_WINDOW = Duration.ofMinutes(15);

  public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
  /** A real client sends its request line and headers in one packet; seconds are generous. */
  public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** The default 10 MB body at about 1.5 Mbit/s. */
  public static final Duration BODY_TIMEOUT = Duration.ofSeconds(60);
  /** Most streams end within it; container runtimes commonly wait about as long before killing. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  /** How long a browser may cache the answer to a CORS preflight of the proxy port. */
  public static final Duration CORS_MAX_AGE = Duration.ofMinutes(10);

  public static final List<String> FORWARD_HEADERS =
      List.of("accept", "content-type", "anthropic-version", "anthropic-beta", "openai-beta");

  public static final Strategy STRATEGY = Strategy.ROUND_ROBIN;
  public static final int MAX_ATTEMPTS = 3;
  public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(120);
  public static final int CALLS_PER_ROTATION = 10;
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

  public static final Set<Integer> BAN_STATUS_CODES = Set.of(401, 403);
  public static final int BAN_THRESHOLD = 3;
  public static final Duration BAN_WINDOW = Duration.ofMinutes(5);
  public static final Duration BAN_DURATION = Duration.ofMinutes(10);
  public static final Duration BAN_MAX_DURATION = Duration.ofHours(6);

  public static final int MAX_CONNECTIONS = 256;
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration FIRST_BYTE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(600);
  public static final String ANTHROPIC_VERSION = "2023-06-01";
  public static final String GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";
  /** OpenAI's own API: the one OpenAI-format base URL known to serve {@code /responses}. */
  public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
  /** The output cap of a route that sets none; large enough for ordinary answers. */
  public static final int MAX_TOKENS = 4096;
  /** A fake stream's keep-alive period: well under the idle cut-off of common clients and proxies. */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

  public static final int KEY_PRIORITY = 0;
  public static final int KEY_WEIGHT = 1;

  public static final String GATEWAY_KEY_PREFIX = "ak_";
  public static final int GATEWAY_KEY_MIN_LENGTH = 20;
  /** A client key may list models and call inference, not the admin API. */
  public static final java.util.Set<dev.keypool.gatewaykey.Permission> GATEWAY_KEY_PERMISSIONS =
      dev.keypool.gatewaykey.Permission.DEFAULTS;

  /** Charged at cost: the multiplier per user group comes with user groups. */
  public static final BigDecimal SELL_MULTIPLIER = BigDecimal.ONE;

  /** Days start at midnight UTC unless {@code quotas.daily_reset} says otherwise. */
  public static final java.time.LocalTime DAILY_RESET = java.time.LocalTime.MIDNIGHT;
  /** Short: past it a request is served under local limits rather than kept waiting for Redis. */
  public static final Duration QUOTA_REDIS_TIMEOUT = Duration.ofMillis(100);
  public static final String QUOTA_REDIS_PREFIX = "keypool:";

  /** Recent log entries kept in memory for {@code GET /api/logs}. */
  public static final int LOG_RECENT_ENTRIES = 2_000;
  public static final long LOG_FILE_MAX_SIZE = 50L * 1024 * 1024;
  /** Days of rolled log files kept. */
  public static final int LOG_FILE_MAX_HISTORY = 14;
  public static final long LOG_FILE_TOTAL_SIZE_CAP = 1024L * 1024 * 1024;

  // health_checks
  public static final Duration HEALTH_CHECK_INTERVAL = Duration.ofMinutes(5);
  public static final Duration HEALTH_CHECK_JITTER = Duration.ofSeconds(30);
  public static final int HEALTH_CHECK_CONCURRENCY = 4;
  public static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(15);

  private ConfigDefaults() {}

  /** How keys of a provider are sent when its {@code auth} is not given. */
  public static AuthStyle auth(ProviderFormat format) {
    return switch (format) {
      case OPENAI -> AuthStyle.BEARER;
      case ANTHROPIC -> AuthStyle.X_API_KEY;
      case GEMINI -> AuthStyle.X_GOOG_API_KEY;
    };
  }

  /** Raw request records older than this are deleted (rollups stay); zero keeps them forever. */
  public static final java.time.Duration RECORD_RETENTION = java.time.Duration.ofDays(90);

  /**
   * Hourly rollup rows older than this are deleted; daily rollups are kept forever. 400 days keeps a
   * year of hourly detail plus a month to compare it with.
   */
  public static final java.time.Duration HOURLY_ROLLUP_RETENTION = java.time.Duration.ofDays(400);

  /** Balances: read every 30 minutes, spread by up to a tenth of that, 4 requests at once, 10 s each. */
  public static final Duration BALANCE_INTERVAL = Duration.ofMinutes(30);
  public static final double BALANCE_JITTER = 0.1;
  public static final int BALANCE_CONCURRENCY = 4;
  public static final Duration BALANCE_TIMEOUT = Duration.ofSeconds(10);
  /** A year of readings: 1,000 keys read every 30 minutes leave 17.5 million rows. */
  public static final Duration BALANCE_HISTORY_RETENTION = Duration.ofDays(90);

  /** How often alert rules are evaluated and due notices sent. */
  public static final Duration ALERT_EVALUATE_INTERVAL = Duration.ofSeconds(15);
  /** An alert still active this long after its last notice is sent again. */
  public static final Duration ALERT_REMINDER_INTERVAL = Duration.ofHours(4);
  /** A notice no channel took within this is dropped (with a warning in the log). */
  public static final Duration ALERT_DELIVERY_EXPIRY = Duration.ofHours(24);
  public static final Duration ALERT_RETRY_MIN = Duration.ofSeconds(30);
  public static final Duration ALERT_RETRY_MAX = Duration.ofMinutes(15);
  /** Resolved alerts and their delivered notices are deleted after this. */
  public static final Duration ALERT_HISTORY_RETENTION = Duration.ofDays(90);
}
