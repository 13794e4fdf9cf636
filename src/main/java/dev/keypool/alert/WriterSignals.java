package dev.keypool.alert;

import dev.keypool.tracking.RecordWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** The record writer journaling to files because the database refuses its writes. */
public final class WriterSignals implements AlertSignals {
  private final BooleanSupplier databaseHealthy;

  public WriterSignals(BooleanSupplier databaseHealthy) {
    this.databaseHealthy = databaseHealthy;
  }

  public static WriterSignals of(RecordWriter writer) {
    return new WriterSignals(writer::databaseHealthy);
  }

  @Override
  public Set<RuleKind> rules() {
    return EnumSet.of(RuleKind.WRITER_JOURNALING);
  }

  @Override
  public List<Condition> conditions(Instant now) {
    if (databaseHealthy.getAsBoolean()) {
      return List.of();
    }
    return List.of(new Condition(RuleKind.WRITER_JOURNALING, "writer", "The database is refusing request records",
        "The record writer is journaling records to files; they are written once the database answers again."));
  }
}
