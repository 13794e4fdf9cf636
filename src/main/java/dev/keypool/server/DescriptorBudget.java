package dev.keypool.server;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ProviderConfig;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners' connection caps checked against the process's open-file limit (RLIMIT_NOFILE), so
 * that the proxy refuses connections before the process runs out of descriptors and the admin port
 * (health probes, metrics) still gets one during a flood. Every descriptor the process may hold at
 * once is counted: proxy and admin connections with their refusal allowances, the upstream pools at
 * their configured size on every event loop, and a reserve for everything else (database, Redis,
 * journal and log files, the JDK's own).
 */
public record DescriptorBudget(long limit, int proxyCap, int adminCap, int upstream, boolean lowered) {
  private static final Logger log = LoggerFactory.getLogger(DescriptorBudget.class);
  /** Descriptors of anything but client and upstream connections. */
  public static final int RESERVE = 256;
  /** Below this the proxy could not do useful work; the operator is warned instead. */
  static final int MIN_PROXY_CAP = 16;

  /** The budget of this process for a configuration served by {@code loops} event loops; logs it once. */
  public static DescriptorBudget of(GatewayConfig config, int loops) {
    int perLoop = config.providers().stream().mapToInt(ProviderConfig::maxConnections).sum();
    DescriptorBudget budget = compute(openFileLimit(), config.listeners().proxy().maxConnections(),
        config.listeners().admin().maxConnections(), (int) Math.min(Integer.MAX_VALUE, (long) perLoop * loops));
    budget.log(config.listeners().proxy().maxConnections());
    return budget;
  }

  /** {@code limit} is -1 when unknown (not a Unix system): the configured caps stand. */
  static DescriptorBudget compute(long limit, int proxyWanted, int adminCap, int upstream) {
    if (limit < 0) {
      return new DescriptorBudget(limit, proxyWanted, adminCap, upstream, false);
    }
    long room = limit - RESERVE - upstream - adminCap - 2L * ConnectionGuard.POLITE_REFUSALS;
    if (room >= proxyWanted) {
      return new DescriptorBudget(limit, proxyWanted, adminCap, upstream, false);
    }
    return new DescriptorBudget(limit, (int) Math.max(MIN_PROXY_CAP, room), adminCap, upstream, true);
  }

  private void log(int proxyWanted) {
    if (limit < 0) {
      log.info("open-file limit unknown on this system; proxy up to {} connections, admin up to {}", proxyCap,
          adminCap);
      return;
    }
    String figures = "open-file limit " + limit + ": proxy up to " + proxyCap + " connections, admin up to "
        + adminCap + ", upstream pools up to " + upstream + ", " + 2 * ConnectionGuard.POLITE_REFUSALS
        + " for refusals, " + RESERVE + " kept for files, database and the JVM";
    if (!lowered) {
      log.info(figures);
    } else {
      log.warn("listeners.proxy.max_connections {} does not fit the {}; raise the limit (ulimit -n, which "
          + "./keypool raises up to the hard limit) or lower the caps or the providers' max_connections",
          proxyWanted, figures);
    }
  }

  /** RLIMIT_NOFILE as the JVM sees it, or -1. */
  static long openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  /** Descriptors open in this process now, or -1 (for logs and tests). */
  public static long openFiles() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getOpenFileDescriptorCount();
    }
    return -1;
  }
}
