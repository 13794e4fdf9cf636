package dev.keypool.cli;

import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.storage.ProviderKeyStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keypool keys import FILE}: adds many provider keys at once. Every entry is checked first; if
 * one is invalid nothing is written, so a corrected file can simply be imported again. A key whose
 * provider already has that name is skipped, or updated with {@code --update} (only the fields the
 * entry gives); keys the configuration file declares are never changed here.
 */
@Command(name = "import", sortOptions = false,
    description = {"Add provider keys from a JSON or CSV file (as keys export writes it). Nothing is written",
        "when an entry is invalid. Exit code 0 when every entry is valid, 1 otherwise, 2 on a usage error.",
        "A running gateway uses the imported keys from its next start."})
public final class KeysImportCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The keys: JSON array or CSV with a header row.")
  Path file;

  @Option(names = "--format", paramLabel = "json|csv", description = "File format (default: by the file's extension).")
  String format;

  @Option(names = "--update", description = "Update keys that exist (same provider and name) instead of skipping them.")
  boolean update;

  @Option(names = "--dry-run", description = "Check the file and report what would happen; write nothing.")
  boolean dryRun;

  private record Step(String where, String provider, String name, String action, String message, Runnable write) {}

  @Override
  public Integer call() {
    List<KeyFormat.Entry> entries = KeyFormat.read(readFile(), KeyFormat.Kind.of(format, file.toString()));
    try (Offline offline = Offline.open(config)) {
      ProviderKeyStore store = offline.providerKeys();
      List<ProviderConfig> providers = offline.providers();
      Set<String> providerIds = providers.stream().map(ProviderConfig::id).collect(Collectors.toSet());
      Map<String, ProviderKey> existing = new HashMap<>();
      KeyInventory.of(providers, store.list()).keys().forEach(k -> existing.put(k.providerId() + "\n" + k.name(), k));
      List<Step> steps = plan(entries, providerIds, existing, store, offline);
      boolean valid = steps.stream().noneMatch(s -> s.action().equals("invalid"));
      if (valid && !dryRun) {
        steps.forEach(s -> s.write().run());
      }
      report(steps, valid, spec.commandLine().getOut());
      return valid ? 0 : CliFailure.FAILED;
    }
  }

  private List<Step> plan(List<KeyFormat.Entry> entries, Set<String> providerIds, Map<String, ProviderKey> existing,
      ProviderKeyStore store, Offline offline) {
    List<Step> steps = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (KeyFormat.Entry e : entries) {
      String provider = e.fields() == null ? null : e.fields().path("provider").asText(null);
      String name = e.fields() == null ? null : e.fields().path("name").asText(null);
      try {
        KeyDraft d = KeyDraft.parse(e.fields(), providerIds);
        String id = d.provider() + "\n" + d.name();
        String twice = seen.putIfAbsent(id, e.where());
        if (twice != null) {
          throw new IllegalArgumentException("the same key as " + twice);
        }
        ProviderKey old = existing.get(id);
        if (old == null) {
          ProviderKey key = d.newKey();
          steps.add(new Step(e.where(), d.provider(), d.name(), "created", "", () -> store.insert(key)));
        } else if ("config".equals(old.source())) {
          steps.add(new Step(e.where(), d.provider(), d.name(), "skipped", "declared in the configuration file", () -> {}));
        } else if (!update) {
          steps.add(new Step(e.where(), d.provider(), d.name(), "skipped", "exists (--update changes it)", () -> {}));
        } else {
          ProviderKey changed = d.over(old, offline.clock.instant());
          steps.add(new Step(e.where(), d.provider(), d.name(), "updated", "", () -> store.update(changed)));
        }
      } catch (IllegalArgumentException invalid) {
        steps.add(new Step(e.where(), provider, name, "invalid", invalid.getMessage(), () -> {}));
      }
    }
    return steps;
  }

  private void report(List<Step> steps, boolean valid, PrintWriter out) {
    TextTable table = new TextTable("ENTRY", "PROVIDER", "KEY", "RESULT", "MESSAGE");
    // Nothing was written in a dry run or when an entry is invalid: say what the others would do.
    boolean hypothetical = dryRun || !valid;
    steps.forEach(s -> table.row(s.where(), s.provider(), s.name(), hypothetical && !s.action().equals("invalid")
        && !s.action().equals("skipped") ? "would be " + s.action() : s.action(), s.message()));
    table.print(out);
    Map<String, Long> counts = steps.stream().collect(Collectors.groupingBy(Step::action, Collectors.counting()));
    String summary = String.format("%d created, %d updated, %d skipped, %d invalid", counts.getOrDefault("created", 0L),
        counts.getOrDefault("updated", 0L), counts.getOrDefault("skipped", 0L), counts.getOrDefault("invalid", 0L));
    out.println(!valid ? counts.get("invalid") + " of " + steps.size() + " entries invalid: nothing imported, fix them and import again"
        : summary + (dryRun ? " (dry run: nothing written)" : ""));
    out.flush();
  }

  private String readFile() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
