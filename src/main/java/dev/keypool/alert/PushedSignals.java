package dev.keypool.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conditions raised and cleared by other parts of the gateway (balances, quotas): {@link #raise} when a
 * subject crosses its rule's threshold ({@link AlertService#settings} has it), {@link #clear} when it
 * is back. Safe to call from any thread, event loops included: it only updates a map.
 */
public final class PushedSignals implements AlertSignals {
  private static final Set<RuleKind> RULES = EnumSet.of(RuleKind.BALANCE_LOW, RuleKind.BALANCE_DAYS_LEFT,
      RuleKind.QUOTA_80, RuleKind.QUOTA_95, RuleKind.OAUTH_REFRESH_FAILED);

  private record Key(RuleKind rule, String subject) {}

  private final Map<Key, Condition> raised = new ConcurrentHashMap<>();

  /** Marks {@code condition} as holding until {@link #clear}ed; raising it again updates its words. */
  public void raise(Condition condition) {
    if (!RULES.contains(condition.rule())) {
      throw new IllegalArgumentException("rule " + condition.rule().wire() + " is evaluated by Keypool itself");
    }
    raised.put(new Key(condition.rule(), condition.subject()), condition);
  }

  /** The condition of {@code rule} for {@code subject} no longer holds. */
  public void clear(RuleKind rule, String subject) {
    raised.remove(new Key(rule, subject));
  }

  @Override
  public Set<RuleKind> rules() {
    return RULES;
  }

  @Override
  public List<Condition> conditions(Instant now) {
    return new ArrayList<>(raised.values());
  }
}
