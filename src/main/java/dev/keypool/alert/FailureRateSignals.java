package dev.keypool.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Failure rates of keys, providers and routes above their rules' thresholds, from {@link FailureRates}. */
public final class FailureRateSignals implements AlertSignals {
  private final FailureRates rates;
  private volatile Map<RuleKind, RuleSettings> rules;

  public FailureRateSignals(FailureRates rates, Map<RuleKind, RuleSettings> rules) {
    this.rates = rates;
    this.rules = rules;
  }

  @Override
  public void configure(Map<RuleKind, RuleSettings> rules) {
    this.rules = rules;
  }

  @Override
  public Set<RuleKind> rules() {
    return EnumSet.of(RuleKind.KEY_FAILURE_RATE, RuleKind.PROVIDER_FAILURE_RATE, RuleKind.ROUTE_FAILURE_RATE);
  }

  @Override
  public List<Condition> conditions(Instant now) {
    List<Condition> out = new ArrayList<>();
    check(RuleKind.KEY_FAILURE_RATE, "key:", "Provider key ", now, out);
    check(RuleKind.PROVIDER_FAILURE_RATE, "provider:", "Provider ", now, out);
    check(RuleKind.ROUTE_FAILURE_RATE, "route:", "Route ", now, out);
    return out;
  }

  private void check(RuleKind rule, String prefix, String noun, Instant now, List<Condition> out) {
    RuleSettings s = rules.getOrDefault(rule, rule.defaults());
    if (!s.enabled()) {
      return;
    }
    double threshold = s.threshold().doubleValue();
    rates.each(prefix, now, s.window(), (subject, c) -> {
      if (c.requests() >= s.minRequests() && c.requests() > 0 && c.rate() > threshold) {
        String id = subject.substring(prefix.length());
        out.add(new Condition(rule, subject,
            noun + "'" + id + "' fails " + percent(c.rate()) + " of " + (prefix.equals("route:") ? "requests" : "attempts"),
            c.failures() + " of " + c.requests() + " failed in the last " + s.window().toMinutes()
                + " min (threshold " + percent(threshold) + ")."));
      }
    });
  }

  private static String percent(double fraction) {
    return new BigDecimal(fraction * 100).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
  }
}
