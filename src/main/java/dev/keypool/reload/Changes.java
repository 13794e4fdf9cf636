package dev.keypool.reload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** What a reload did to one kind of named thing (providers, routes, keys): names added, removed and changed. */
public record Changes(List<String> added, List<String> removed, List<String> changed) {

  public Changes {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /**
   * The difference between {@code before} and {@code after}, matched by {@code name}; an item changed
   * when {@code content} differs (never shown: it may hold secrets).
   */
  static <T> Changes between(List<T> before, List<T> after, Function<T, String> name, Function<T, Object> content) {
    Map<String, Object> old = index(before, name, content);
    Map<String, Object> now = index(after, name, content);
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    now.forEach((n, c) -> {
      if (!old.containsKey(n)) {
        added.add(n);
      } else if (!Objects.equals(old.get(n), c)) {
        changed.add(n);
      }
    });
    List<String> removed = old.keySet().stream().filter(n -> !now.containsKey(n)).toList();
    return new Changes(added, removed, changed);
  }

  private static <T> Map<String, Object> index(List<T> items, Function<T, String> name, Function<T, Object> content) {
    Map<String, Object> out = new LinkedHashMap<>();
    items.forEach(i -> out.put(name.apply(i), content.apply(i)));
    return out;
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** {@code +1 -0 ~2}: the counts, for the log line. */
  String counts() {
    return "+" + added.size() + " -" + removed.size() + " ~" + changed.size();
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("added", added);
    out.put("removed", removed);
    out.put("changed", changed);
    return out;
  }
}
