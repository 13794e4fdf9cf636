package dev.keypool.gatewaykey;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a gateway key may do: {@code read} the proxy port's GET endpoints ({@code /v1/models}),
 * {@code write} to its inference endpoints, or call the {@code admin} API.
 */
public enum Permission {
  READ,
  WRITE,
  ADMIN;

  /** What a key gets when nobody says otherwise: a client key, not an operator's. */
  public static final Set<Permission> DEFAULTS = Set.copyOf(EnumSet.of(READ, WRITE));

  public String wire() {
    return WireNames.of(this);
  }

  /** The permission named {@code word}; throws {@link IllegalArgumentException} listing the valid names. */
  public static Permission parse(String word) {
    return WireNames.parse(Permission.class, word, "permission");
  }

  /** A non-empty set of permissions from their names. */
  public static Set<Permission> parseAll(Collection<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("at least one permission is required (read, write, admin)");
    }
    return Set.copyOf(words.stream().map(Permission::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class))));
  }

  /** The names of {@code set} in a stable order (read, write, admin). */
  public static java.util.List<String> wireNames(Set<Permission> set) {
    return Arrays.stream(values()).filter(set::contains).map(Permission::wire).toList();
  }
}
