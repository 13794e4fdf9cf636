package dev.keypool.gatewaykey;

import java.util.List;

/**
 * Where a gateway key may spend: which models (glob patterns), which providers (ids), from which
 * client addresses. An empty part allows everything of its kind.
 */
public record KeyScopes(ModelPatterns models, List<String> providers, IpAllowList ips) {

  public static final KeyScopes ANY = new KeyScopes(ModelPatterns.ANY, List.of(), IpAllowList.ANY);

  public KeyScopes {
    providers = List.copyOf(providers);
  }

  public boolean allowsProvider(String providerId) {
    return providers.isEmpty() || providers.contains(providerId);
  }
}
