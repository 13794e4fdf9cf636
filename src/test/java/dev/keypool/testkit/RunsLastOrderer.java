package dev.keypool.testkit;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The suite's class order (set in {@code junit-platform.properties}): JUnit's own, except that classes
 * marked {@link RunsLast} go to the end. The sort is stable, so every other class keeps its place.
 */
public final class RunsLastOrderer implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparing(d -> d.isAnnotated(RunsLast.class)));
  }
}
