package dev.keypool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keypool.config.Durations;
import dev.keypool.config.ProviderConfig;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.upstream.OutboundProxy;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keypool check-upstream}: asks each provider key's upstream for its model list and prints what
 * happened, for an operator before a deployment or a script in a health check. Exit code 0 when every
 * key answered, 1 when one did not, 2 on a usage or configuration error.
 */
@Command(name = "check-upstream", sortOptions = false,
    description = {"Check every provider key against its upstream: reachability, authentication and latency,",
        "with one cheap request per key (the provider's model list). Exit code 0 when all are ok,",
        "1 when some failed, 2 on a usage or configuration error."})
public final class CheckUpstreamCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Option(names = "--provider", paramLabel = "ID", description = "Only the keys of this provider.")
  String provider;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--include-disabled", description = "Check the keys an operator disabled as well.")
  boolean includeDisabled;

  @Option(names = "--json", description = "Print the results as a JSON array instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Duration wait = timeout();
    List<UpstreamCheck.Target> targets;
    HeaderPolicy headers;
    OutboundProxy proxy;
    try (Offline offline = Offline.open(config)) {
      headers = new HeaderPolicy(offline.config.headers());
      proxy = offline.outboundProxy();
      List<ProviderConfig> providers = provider == null ? offline.providers() : List.of(offline.provider(provider));
      Map<String, ProviderConfig> byId = providers.stream().collect(Collectors.toMap(ProviderConfig::id, Function.identity()));
      KeyInventory inventory = KeyInventory.of(providers, offline.providerKeys().list());
      if (provider == null && !inventory.orphaned().isEmpty()) {
        spec.commandLine().getErr().println("keypool check-upstream: keys of providers no longer configured are skipped: "
            + String.join(", ", inventory.orphaned()));
      }
      targets = inventory.keys().stream().filter(k -> includeDisabled || k.enabled())
          .map(k -> new UpstreamCheck.Target(byId.get(k.providerId()), k)).toList();
    }
    if (targets.isEmpty()) {
      spec.commandLine().getErr().println("keypool check-upstream: no " + (includeDisabled ? "" : "enabled ")
          + "provider key to check" + (provider == null ? "" : " for provider '" + provider + "'"));
      return 0;
    }
    List<UpstreamCheck.Result> results = check(targets, headers, wait, proxy);
    print(results, spec.commandLine().getOut());
    return results.stream().allMatch(UpstreamCheck.Result::ok) ? 0 : CliFailure.FAILED;
  }

  private Duration timeout() {
    try {
      Duration d = Durations.parse(timeout);
      if (d.isZero()) {
        throw new IllegalArgumentException("--timeout must be more than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("--timeout: " + e.getMessage());
    }
  }

  private static List<UpstreamCheck.Result> check(List<UpstreamCheck.Target> targets, HeaderPolicy headers, Duration wait,
      OutboundProxy proxy) {
    Vertx vertx = Vertx.vertx();
    try {
      UpstreamCheck check = new UpstreamCheck(vertx.createHttpClient(), headers, wait, proxy);
      return check.all(targets).toCompletionStage().toCompletableFuture().join();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private void print(List<UpstreamCheck.Result> results, PrintWriter out) throws Exception {
    if (json) {
      out.println(JSON.writeValueAsString(results));
      out.flush();
      return;
    }
    TextTable table = new TextTable("PROVIDER", "KEY", "RESULT", "STATUS", "LATENCY_MS", "MESSAGE");
    results.forEach(r -> table.row(r.provider(), r.name(), r.result(), r.status(), r.latencyMs(), r.message()));
    table.print(out);
    long failed = results.stream().filter(r -> !r.ok()).count();
    out.println(failed == 0 ? results.size() + " keys ok" : failed + " of " + results.size() + " keys failed");
    out.flush();
  }
}
