package dev.keypool.reload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reload changed, by name (never a value: values may be secrets), and the fields it could not
 * apply because they need a restart.
 *
 * @param providers the providers in effect (the file's with run-time changes laid over them)
 * @param routes the declared model routes in effect
 * @param providerKeys the file's provider keys, named {@code provider/key}
 * @param gatewayKeys the file's gateway keys, by name
 * @param quotas whether the default quota rules changed
 * @param headers whether the header allow-list changed
 * @param restartRequired the fields that changed but apply only after a restart, as the file names them
 * @param settings the settings sections swapped because they changed ({@code routing}, {@code prices},
 *     {@code cors}, ...), as the file names them
 */
public record ReloadReport(Changes providers, Changes routes, Changes providerKeys, Changes gatewayKeys,
    boolean quotas, boolean headers, List<String> restartRequired, List<String> settings) {

  public ReloadReport {
    restartRequired = List.copyOf(restartRequired);
    settings = List.copyOf(settings);
  }

  /** Whether anything was applied. */
  public boolean changedAnything() {
    return !providers.isEmpty() || !routes.isEmpty() || !providerKeys.isEmpty() || !gatewayKeys.isEmpty()
        || quotas || headers || !settings.isEmpty();
  }

  /** One line for the server log: counts per kind, and what waits for a restart. */
  public String summary() {
    String applied = changedAnything()
        ? "providers " + providers.counts() + ", routes " + routes.counts() + ", provider keys "
            + providerKeys.counts() + ", gateway keys " + gatewayKeys.counts() + ", quotas "
            + (quotas ? "changed" : "unchanged") + ", headers " + (headers ? "changed" : "unchanged")
            + (settings.isEmpty() ? "" : ", settings " + String.join(", ", settings))
        : "no change to apply";
    return restartRequired.isEmpty() ? applied
        : applied + "; changed but needing a restart: " + String.join(", ", restartRequired);
  }

  /** The admin API's answer. */
  public Map<String, Object> toJson() {
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("providers", providers.toJson());
    changes.put("routes", routes.toJson());
    changes.put("provider_keys", providerKeys.toJson());
    changes.put("gateway_keys", gatewayKeys.toJson());
    changes.put("quotas", quotas);
    changes.put("headers", headers);
    changes.put("settings", settings);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("reloaded", true);
    out.put("changed", changedAnything());
    out.put("changes", changes);
    out.put("restart_required", restartRequired);
    out.put("summary", summary());
    return out;
  }
}
