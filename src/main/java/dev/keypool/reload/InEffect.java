package dev.keypool.reload;

import dev.keypool.config.GatewayConfig;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configuration in effect, one immutable {@link GatewayConfig} swapped whole by a reload. Parts that
 * read a section on every request or every scheduler round hold a {@link #section} supplier rather than
 * the record itself: one volatile read, no lock, and each read sees one version of the section whole.
 */
public final class InEffect implements Supplier<GatewayConfig> {
  private volatile GatewayConfig config;

  public InEffect(GatewayConfig started) {
    this.config = started;
  }

  @Override
  public GatewayConfig get() {
    return config;
  }

  /** The section {@code of} picks, as it is in effect at each call. */
  public <T> Supplier<T> section(Function<GatewayConfig, T> of) {
    return () -> of.apply(config);
  }

  /** Only {@link ConfigReload} swaps the configuration, once the whole file validated. */
  void set(GatewayConfig next) {
    this.config = next;
  }
}
