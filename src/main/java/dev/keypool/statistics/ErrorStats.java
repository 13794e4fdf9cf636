package dev.keypool.statistics;

import java.util.List;

/**
 * Failed requests (errors and client aborts) in a time range, most frequent first.
 *
 * @param byClass one entry per error class; {@code error_class} is null for failures without a class
 * @param byClassAndModel one entry per (error class, requested model)
 */
public record ErrorStats(long total, List<ClassCount> byClass, List<ClassModelCount> byClassAndModel) {

  public record ClassCount(String errorClass, long count) {}

  public record ClassModelCount(String errorClass, String model, long count) {}
}
