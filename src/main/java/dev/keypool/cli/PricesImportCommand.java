package dev.keypool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.billing.Price;
import dev.keypool.billing.PriceJson;
import dev.keypool.billing.PriceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keypool prices import FILE}: sets prices as run-time changes, as {@code PUT /api/prices/{model}}
 * does; a price equal to the one in effect is left alone, so importing an export changes nothing. If one
 * entry is invalid nothing is written. Running gateways see the changes within a minute.
 */
@Command(name = "import", sortOptions = false,
    description = {"Set prices from a JSON object {\"model\": {\"input\", \"output\", \"cache_read\", \"cache_write\"}}",
        "(as prices export writes it) as run-time changes. Nothing is written when an entry is invalid.",
        "Exit code 0 when every entry is valid, 1 otherwise, 2 on a usage error."})
public final class PricesImportCommand implements Callable<Integer> {
  private static final Set<String> IGNORED = Set.of("source");

  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The prices, as JSON.")
  Path file;

  @Option(names = "--dry-run", description = "Check the file and report what would change; write nothing.")
  boolean dryRun;

  private record Step(String model, String result, String message, Price price) {}

  @Override
  public Integer call() {
    JsonNode root = read();
    try (Offline offline = Offline.open(config)) {
      PriceBook book = new PriceBook(offline);
      Map<String, Price> effective = book.effective();
      List<Step> steps = new ArrayList<>();
      root.fields().forEachRemaining(e -> steps.add(step(PriceTable.idOf(e.getKey()), e.getValue(), effective)));
      boolean valid = steps.stream().noneMatch(s -> s.result().equals("invalid"));
      if (valid && !dryRun) {
        steps.stream().filter(s -> s.price() != null).forEach(s -> book.store.put(s.model(), s.price()));
      }
      TextTable table = new TextTable("MODEL", "RESULT", "MESSAGE");
      steps.forEach(s -> table.row(s.model(), (dryRun || !valid) && s.result().equals("set") ? "would be set" : s.result(),
          s.message()));
      table.print(spec.commandLine().getOut());
      long invalid = steps.stream().filter(s -> s.result().equals("invalid")).count();
      long unchanged = steps.stream().filter(s -> s.result().equals("unchanged")).count();
      spec.commandLine().getOut().println(!valid
          ? invalid + " of " + steps.size() + " entries invalid: nothing imported, fix them and import again"
          : (steps.size() - unchanged) + " prices set, " + unchanged + " unchanged" + (dryRun ? " (dry run: nothing written)" : ""));
      spec.commandLine().getOut().flush();
      return valid ? 0 : CliFailure.FAILED;
    }
  }

  private static Step step(String model, JsonNode entry, Map<String, Price> effective) {
    try {
      if (!entry.isObject()) {
        throw new IllegalArgumentException("expected an object with input and output");
      }
      ObjectNode fields = ((ObjectNode) entry).deepCopy();
      fields.remove(IGNORED);
      fields.fieldNames().forEachRemaining(f -> {
        if (!PriceJson.FIELDS.contains(f)) {
          throw new IllegalArgumentException("unknown field '" + f + "'");
        }
      });
      Price p = PriceJson.read(fields);
      return p.equals(effective.get(model)) ? new Step(model, "unchanged", "", null) : new Step(model, "set", "", p);
    } catch (IllegalArgumentException e) {
      return new Step(model, "invalid", e.getMessage(), null);
    }
  }

  private JsonNode read() {
    try {
      JsonNode root = KeyFormat.JSON.readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw CliFailure.usage(file + ": expected a JSON object of prices by model");
      }
      return root;
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
