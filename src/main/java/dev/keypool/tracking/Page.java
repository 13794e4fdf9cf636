package dev.keypool.tracking;

import java.time.Instant;
import java.util.List;

/**
 * One page of a keyset-paginated listing.
 *
 * @param nextCursor pass it back to get the following page; null on the last page
 * @param searchedTo set when a search stopped at its time budget before filling the page: only records
 *     started at or after this time were searched, and {@code nextCursor} goes on from there (the page
 *     may hold fewer items than asked, even none); null when the page is complete
 */
public record Page<T>(List<T> items, String nextCursor, Instant searchedTo) {

  public Page {
    items = List.copyOf(items);
  }

  public Page(List<T> items, String nextCursor) {
    this(items, nextCursor, null);
  }
}
