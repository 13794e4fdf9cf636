package dev.keypool.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ConfigException;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderDefinitions;
import dev.keypool.config.ProviderKeyConfig;
import dev.keypool.config.ProviderPins;
import dev.keypool.storage.ConflictException;
import dev.keypool.storage.ProviderStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers changed at run time, laid over the file's: a stored definition replaces the file's
 * provider of the same id or adds one; a stored removal hides a file provider. The environment wins
 * over both: the fields it pins ({@link ProviderPins}) are laid over a stored definition again. Every
 * change is stored first, then the {@link RouteTable} gets the new providers, so the next request uses
 * them (upstream clients follow, see {@link dev.keypool.upstream.UpstreamClients}); other instances
 * see them on {@link #reload}. Every method blocks on the database.
 */
public final class ProviderOverrides {
  private static final Logger log = LoggerFactory.getLogger(ProviderOverrides.class);

  /** The file's providers and the environment's pins: replaced together when the file is reloaded. */
  private volatile Map<String, ProviderConfig> fileProviders;
  private volatile ProviderPins pins;
  private final ProviderStore store;
  private final RouteTable table;
  /** The stored changes as last read: what a partial update starts from. */
  private volatile Map<String, Optional<ObjectNode>> stored = Map.of();
  private volatile Set<String> runtimeIds = Set.of();

  public ProviderOverrides(List<ProviderConfig> fileProviders, ProviderPins pins, ProviderStore store, RouteTable table) {
    this.fileProviders = byId(fileProviders);
    this.pins = pins;
    this.store = store;
    this.table = table;
  }

  private static Map<String, ProviderConfig> byId(List<ProviderConfig> providers) {
    Map<String, ProviderConfig> out = new LinkedHashMap<>();
    providers.forEach(p -> out.put(p.id(), p));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Re-reads the stored changes and gives the route table the providers they make, if they differ. */
  public synchronized void reload() {
    Merge merge = merge(fileProviders, pins, store.all());
    merge.keep();
    List<ProviderConfig> providers = merge.providers();
    // Unchanged providers keep the table as is, so nothing downstream sees a change every reload.
    table.update(current -> current.providers().equals(providers) ? current : current.withProviders(providers));
  }

  /**
   * The providers a reloaded configuration file puts in effect (the stored changes read again and laid
   * over {@code providers}, {@code pins} laid over those), with nothing changed yet: the caller commits
   * the swap once everything else it needs succeeded, then gives the route table the providers, holding
   * this object's lock throughout. Blocks on the database.
   */
  public synchronized PendingSwap<List<ProviderConfig>> replaceFile(List<ProviderConfig> providers, ProviderPins pins) {
    Map<String, ProviderConfig> file = byId(providers);
    Merge merge = merge(file, pins, store.all());
    return new PendingSwap<>(merge.providers(), () -> {
      this.fileProviders = file;
      this.pins = pins;
      merge.keep();
    });
  }

  /** The providers in effect and what they were made from, not yet kept. */
  private record Merge(List<ProviderConfig> providers, Map<String, Optional<ObjectNode>> stored, Set<String> runtimeIds,
      ProviderOverrides owner) {
    void keep() {
      owner.stored = stored;
      owner.runtimeIds = runtimeIds;
    }
  }

  /** The file's providers with the stored {@code changes} laid over them. */
  private Merge merge(Map<String, ProviderConfig> file, ProviderPins pins, Map<String, Optional<ObjectNode>> changes) {
    Set<String> changed = new HashSet<>();
    List<ProviderConfig> providers = new ArrayList<>();
    for (ProviderConfig fromFile : file.values()) {
      Optional<ObjectNode> change = changes.get(fromFile.id());
      if (change == null) {
        providers.add(fromFile);
      } else if (change.isPresent()) {
        providers.add(orFallback(fromFile.id(), change.get(), fromFile.keys(), fromFile, pins, changed));
      }
    }
    changes.forEach((id, change) -> {
      if (!file.containsKey(id) && change.isPresent()) {
        ProviderConfig p = orFallback(id, change.get(), List.of(), null, pins, changed);
        if (p != null) {
          providers.add(p);
        }
      }
    });
    return new Merge(providers, changes, Set.copyOf(changed), this);
  }

  private ProviderConfig orFallback(String id, ObjectNode definition, List<ProviderKeyConfig> keys,
      ProviderConfig fallback, ProviderPins pins, Set<String> changed) {
    try {
      ProviderConfig p = parse(id, definition, keys, pins);
      changed.add(id);
      return p;
    } catch (ConfigException e) {
      // E.g. an environment override that no longer fits the stored definition.
      log.warn("stored provider '{}' is ignored: {}", id, String.join("; ", e.errors()));
      return fallback;
    }
  }

  /** Validates and stores a new provider; {@link ConflictException} if the id is taken. */
  public synchronized ProviderConfig create(String id, JsonNode body) {
    if (table.current().provider(id) != null) {
      throw new ConflictException("Provider '" + id + "' already exists.");
    }
    return store(id, body);
  }

  /**
   * Validates and stores the whole definition of provider {@code id}; throws {@link ConfigException}
   * naming every problem.
   */
  public synchronized ProviderConfig put(String id, JsonNode body) {
    return store(id, body);
  }

  private ProviderConfig store(String id, JsonNode body) {
    ProviderConfig file = fileProviders.get(id);
    ProviderConfig p = parse(id, body, file == null ? List.of() : file.keys());
    ObjectNode definition = ((ObjectNode) body).deepCopy();
    definition.put("id", id);
    store.put(id, definition);
    reload();
    return table.current().provider(id);
  }

  private ProviderConfig parse(String id, JsonNode body, List<ProviderKeyConfig> keys) {
    return parse(id, body, keys, pins);
  }

  private static ProviderConfig parse(String id, JsonNode body, List<ProviderKeyConfig> keys, ProviderPins pins) {
    JsonNode effective = body instanceof ObjectNode o ? pins.applyTo(id, o) : body;
    return ProviderDefinitions.parse(id, effective, keys);
  }

  /**
   * What a partial change of provider {@code id} starts from: its stored definition as given, or the
   * file's provider spelled out; empty if there is no such provider.
   */
  public Optional<ObjectNode> definition(String id) {
    ProviderConfig current = table.current().provider(id);
    if (current == null) {
      return Optional.empty();
    }
    Optional<ObjectNode> change = stored.get(id);
    return Optional.of(change != null && change.isPresent() && runtimeIds.contains(id)
        ? change.get().deepCopy() : ProviderDefinitions.toJson(current));
  }

  /** Deletes provider {@code id} (a file provider stays deleted after restarts); false if there is none. */
  public synchronized boolean remove(String id) {
    if (table.current().provider(id) == null) {
      return false;
    }
    if (fileProviders.containsKey(id)) {
      store.markRemoved(id);
    } else {
      store.clear(id);
    }
    reload();
    return true;
  }

  /** Drops the run-time change of provider {@code id}, so the file's provider (if any) applies again. */
  public synchronized boolean reset(String id) {
    if (!store.clear(id)) {
      return false;
    }
    reload();
    return true;
  }

  /** The file's provider {@code id} as the file and environment define it, or null. */
  public ProviderConfig fileProvider(String id) {
    return fileProviders.get(id);
  }

  /** {@code runtime} for a provider set or changed through the API, else {@code file}. */
  public String source(String id) {
    return runtimeIds.contains(id) ? "runtime" : "file";
  }

  /** Whether provider {@code id} has a stored change (a definition or a removal). */
  public boolean changed(String id) {
    return stored.containsKey(id);
  }

  /** The fields of provider {@code id} that the environment sets, which no run-time change overrides. */
  public List<String> envOverrides(String id) {
    return pins.fields(id);
  }
}
