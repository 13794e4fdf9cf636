package dev.keypool.quota;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one admitted request took from its limits before the upstream call: the estimate, one
 * {@link Hold} per limit, and the backend that holds the counters. It is finished exactly once, by a
 * settle or a release; engines ignore any later settle or release of the same reservation, so a
 * cleanup path that runs twice cannot refund twice.
 */
public final class Reservation {
  private final String id;
  private final Backend backend;
  private final Amount estimate;
  private final List<Hold> holds;
  private final AtomicBoolean finished = new AtomicBoolean();

  public Reservation(String id, Backend backend, Amount estimate, List<Hold> holds) {
    this.id = id;
    this.backend = backend;
    this.estimate = estimate;
    this.holds = List.copyOf(holds);
  }

  public String id() {
    return id;
  }

  public Backend backend() {
    return backend;
  }

  public Amount estimate() {
    return estimate;
  }

  public List<Hold> holds() {
    return holds;
  }

  /** Marks the reservation finished; true only for the first caller, who then adjusts the counters. */
  boolean finish() {
    return finished.compareAndSet(false, true);
  }

  @Override
  public String toString() {
    return "Reservation[" + id + " " + backend + " " + estimate + " " + holds + "]";
  }
}
