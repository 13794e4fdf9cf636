package dev.keypool.serverlog;

import dev.keypool.config.LoggingConfig;
import dev.keypool.tracking.RequestRecord;
import java.math.BigDecimal;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The access log ({@code logging.access}): one line per proxied request on the {@code keypool.access}
 * logger, built from the request's record once it is final. The fields are key-value pairs, so that
 * the JSON format carries each as its own field and the text format reads {@code key=value}. Only ids,
 * names, counts and amounts: never a secret, a full key or a prompt (a record holds none). Successful
 * requests are sampled; failures and client aborts are always logged, since those are what an operator
 * looks for. Whether it is on and the sampling share are read at each request, so a configuration
 * reload turns it on, off or resamples from the next request.
 */
public final class AccessLog {
  public static final String LOGGER = "keypool.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);
  private static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);

  private final Supplier<LoggingConfig.AccessLog> config;
  private final Function<String, String> keyNames;
  private final DoubleSupplier random;

  /**
   * @param keyNames a provider key's name by its id (null when the key is gone)
   * @param random uniform draws in [0, 1) for the sampling
   */
  public AccessLog(LoggingConfig.AccessLog config, Function<String, String> keyNames, DoubleSupplier random) {
    this(() -> config, keyNames, random);
  }

  /** @param config {@code logging.access} as in effect at each request */
  public AccessLog(Supplier<LoggingConfig.AccessLog> config, Function<String, String> keyNames,
      DoubleSupplier random) {
    this.config = config;
    this.keyNames = keyNames;
    this.random = random;
  }

  /** Logs {@code r}, unless the access log is off or {@code r} is a success left out by the sampling. */
  public void log(RequestRecord r) {
    LoggingConfig.AccessLog now = config.get();
    if (!now.enabled()) {
      return;
    }
    double sample = now.sample();
    if ("success".equals(r.outcome()) && sample < 1.0 && random.getAsDouble() >= sample) {
      return;
    }
    String keyName = r.providerKeyId() == null ? null : keyNames.apply(r.providerKeyId());
    LoggingEventBuilder line = log.atInfo();
    StringBuilder text = new StringBuilder(256);
    add(line, text, "request_id", r.id());
    add(line, text, "gateway_key", r.gatewayKeyId());
    add(line, text, "endpoint", r.endpoint());
    add(line, text, "model", r.modelRequested());
    add(line, text, "route", r.routeId());
    add(line, text, "provider", r.providerId());
    add(line, text, "provider_key", keyName);
    add(line, text, "status", r.status());
    add(line, text, "outcome", r.outcome());
    add(line, text, "failure_class", r.errorClass());
    add(line, text, "stream", r.stream());
    add(line, text, "latency_ms", r.latencyMillis());
    add(line, text, "ttft_ms", r.ttftMillis());
    add(line, text, "input_tokens", r.inputTokens());
    add(line, text, "output_tokens", r.outputTokens());
    add(line, text, "cache_read_tokens", r.cacheReadTokens());
    add(line, text, "cache_write_tokens", r.cacheWriteTokens());
    add(line, text, "cost_usd", usd(r.costNanos()));
    add(line, text, "charged_usd", usd(r.chargedNanos()));
    line.log(text.toString());
  }

  /** Absent values are left out of both forms rather than written as "null". */
  private static void add(LoggingEventBuilder line, StringBuilder text, String key, Object value) {
    if (value == null) {
      return;
    }
    line.addKeyValue(key, value);
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(key).append('=').append(value);
  }

  private static String usd(long nanos) {
    return BigDecimal.valueOf(nanos).divide(NANOS_PER_USD).stripTrailingZeros().toPlainString();
  }
}
