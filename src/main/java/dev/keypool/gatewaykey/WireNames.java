package dev.keypool.gatewaykey;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names the API, the file and the database use for enum constants: lower case
 * ({@code SUSPENDED} is {@code suspended}), shared by the tenancy enums.
 */
public final class WireNames {
  private WireNames() {}

  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The constant named {@code word}; throws {@link IllegalArgumentException} listing the allowed names. */
  public static <E extends Enum<E>> E parse(Class<E> type, String word, String what) {
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equals(word)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + word + "' (allowed: "
        + Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", ")) + ")");
  }
}
