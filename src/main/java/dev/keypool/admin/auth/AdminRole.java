package dev.keypool.admin.auth;

import java.util.Locale;

/** What an admin credential may do: {@code admin} everything, {@code viewer} read only. */
public enum AdminRole {
  ADMIN,
  VIEWER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code s} ({@code admin}, {@code viewer}), or null. */
  public static AdminRole parse(String s) {
    for (AdminRole r : values()) {
      if (r.wire().equals(s)) {
        return r;
      }
    }
    return null;
  }
}
