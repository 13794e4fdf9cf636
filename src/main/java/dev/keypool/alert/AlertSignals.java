package dev.keypool.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source of alert conditions, asked on every evaluation from the alert thread (never from an event
 * loop). An alert opens when one of its conditions appears, stays open while it is reported, and
 * resolves when the source no longer reports it; a source that throws leaves its rules' alerts as
 * they are. Sources read memory only: nothing here may wait on the network.
 */
public interface AlertSignals {

  /** The rules this source decides; a rule absent from every source's conditions is resolved. */
  Set<RuleKind> rules();

  /** The conditions that hold now. */
  List<Condition> conditions(Instant now);

  /**
   * Takes the rules' settings of a reloaded configuration, between two evaluations (never during one).
   * Sources that read no setting ignore it.
   */
  default void configure(Map<RuleKind, RuleSettings> rules) {}
}
