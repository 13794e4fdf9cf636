package dev.keypool.relay;

import dev.keypool.tracking.RequestRecord;

/**
 * What must happen once a request's record is built, with the record's real usage and charge:
 * settling the quota reservation and the prepaid balance hold taken before the upstream call.
 * {@code RecordRequest} runs it exactly once, however the request ended.
 */
@FunctionalInterface
public interface Settlement {
  void settle(RequestRecord record);
}
