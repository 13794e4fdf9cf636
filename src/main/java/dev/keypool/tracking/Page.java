package dev.keypool.tracking;

import java.util.List;

/**
 * One page of a keyset-paginated listing.
 *
 * @param nextCursor pass it back to get the following page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
