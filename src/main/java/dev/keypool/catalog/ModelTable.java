package dev.keypool.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A value per model id (a price, a model's limits), looked up by the model id a request names. Lookup
 * tries the id as given, then the {@link ModelIds#candidates} (without provider prefix, without date
 * suffix) and, when the table was made with {@code prefixMatch}, the longest known id that the model's
 * bare id extends at a {@code -} boundary ({@code claude-3-5-sonnet-latest} finds
 * {@code claude-3-5-sonnet}, {@code gemini-2.5-flash-preview-09-2025} finds {@code gemini-2.5-flash}).
 *
 * <p>Reads are lock-free on an immutable map that writers replace (copy-on-write): values change rarely
 * and are read on every request. Ids are stored lower-cased and trimmed. What a model name matched is
 * remembered with the map it was matched in (up to {@link #MEMO} names, as names may come from clients),
 * so the candidates and the prefix scan run once per name rather than on every request.
 *
 * @param <V> the value kept per model
 */
public final class ModelTable<V> {

  /** Model names whose match is remembered per version of the table. */
  static final int MEMO = 4_096;
  /** Remembered "no match" (no stored id is empty). */
  private static final String NONE = "";

  private final boolean prefixMatch;
  private volatile State<V> state;

  /** One version of the table and the matches found in it. */
  private record State<V>(Map<String, V> values, ConcurrentHashMap<String, String> matches) {
    State(Map<String, V> values) {
      this(values, new ConcurrentHashMap<>());
    }
  }

  /** A table of exactly these values; see the class comment for {@code prefixMatch}. */
  public ModelTable(Map<String, V> values, boolean prefixMatch) {
    this.prefixMatch = prefixMatch;
    this.state = new State<>(normalized(values));
  }

  /** The value of {@code model}, or empty when no id it may be known under is in the table. */
  public Optional<V> find(String model) {
    State<V> current = state;
    String id = remembered(current, model);
    return id == null ? Optional.empty() : Optional.of(current.values().get(id));
  }

  /** The id {@code model} is found under (what {@link #find} matched), or null. */
  public String matchedId(String model) {
    return remembered(state, model);
  }

  private String remembered(State<V> current, String model) {
    if (model == null) {
      return null;
    }
    String id = current.matches().get(model);
    if (id == null) {
      id = matched(current.values(), model);
      if (current.matches().size() < MEMO) {
        current.matches().put(model, id == null ? NONE : id);
      }
      return id;
    }
    return id.equals(NONE) ? null : id;
  }

  private String matched(Map<String, V> current, String model) {
    if (model == null || model.isBlank()) {
      return null;
    }
    for (String id : ModelIds.candidates(model)) {
      if (current.containsKey(id)) {
        return id;
      }
    }
    return prefixMatch ? longestPrefix(current, model) : null;
  }

  /** The longest id of {@code table} that the bare, undated {@code model} starts with, followed by a {@code -}. */
  private static String longestPrefix(Map<String, ?> table, String model) {
    var ids = ModelIds.candidates(model);
    String bare = ids.get(ids.size() - 1);
    String best = null;
    for (String id : table.keySet()) {
      if (bare.length() > id.length() && bare.startsWith(id) && bare.charAt(id.length()) == '-'
          && (best == null || id.length() > best.length())) {
        best = id;
      }
    }
    return best;
  }

  /** Sets the value of exactly {@code model}, replacing any it had. */
  public synchronized void put(String model, V value) {
    Map<String, V> next = new HashMap<>(state.values());
    next.put(ModelIds.normalize(model), Objects.requireNonNull(value, "value"));
    state = new State<>(Map.copyOf(next));
  }

  /** Removes the value of exactly {@code model}; returns the value it had, if any. */
  public synchronized Optional<V> remove(String model) {
    String id = ModelIds.normalize(model);
    if (!state.values().containsKey(id)) {
      return Optional.empty();
    }
    Map<String, V> next = new HashMap<>(state.values());
    V removed = next.remove(id);
    state = new State<>(Map.copyOf(next));
    return Optional.of(removed);
  }

  /** Replaces every value at once; readers see the old table or the new one. */
  public synchronized void replaceAll(Map<String, V> next) {
    state = new State<>(normalized(next));
  }

  /** Every value by model id, as of now: an immutable snapshot. */
  public Map<String, V> snapshot() {
    return state.values();
  }

  /** {@code base} with {@code overrides} laid over it, ids lower-cased: an override wins over a value of the same id. */
  public static <V> Map<String, V> merged(Map<String, V> base, Map<String, V> overrides) {
    Map<String, V> out = new HashMap<>(normalized(base));
    overrides.forEach((model, value) -> out.put(ModelIds.normalize(model), value));
    return Map.copyOf(out);
  }

  private static <V> Map<String, V> normalized(Map<String, V> values) {
    Map<String, V> copy = new HashMap<>();
    values.forEach((model, value) -> copy.put(ModelIds.normalize(model), value));
    return Map.copyOf(copy);
  }
}
