package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.admin.auth.AdminUser;
import dev.keypool.config.ConfigDefaults;
import java.time.Instant;
import java.util.Locale;

/** An admin user as the API shows it: never the password hash. Also the checks on user fields. */
record AdminUserView(String id, String username, String role, String status, String createdAt, String lastLoginAt) {

  static AdminUserView of(AdminUser u) {
    return new AdminUserView(u.id(), u.username(), u.role().wire(), u.status(), str(u.createdAt()), str(u.lastLoginAt()));
  }

  /** Names compare lower-cased, so "Admin" logs in as "admin". */
  static String normalize(String username) {
    return username.trim().toLowerCase(Locale.ROOT);
  }

  static String username(JsonNode body) {
    String u = normalize(Fields.requiredText(body, "username"));
    if (!u.matches(ConfigDefaults.ADMIN_USERNAME_PATTERN)) {
      throw AdminException.invalid("'username' must be 1-64 of a-z 0-9 _ . @ - starting with a letter or digit.");
    }
    return u;
  }

  /** A new password from {@code field}: checked for length only, as long passphrases beat composition rules. */
  static String newPassword(JsonNode body, String field) {
    String p = Fields.requiredText(body, field);
    if (p.length() < ConfigDefaults.ADMIN_PASSWORD_MIN_LENGTH || p.length() > ConfigDefaults.ADMIN_PASSWORD_MAX_LENGTH) {
      throw AdminException.invalid("'" + field + "' must be " + ConfigDefaults.ADMIN_PASSWORD_MIN_LENGTH + ".."
          + ConfigDefaults.ADMIN_PASSWORD_MAX_LENGTH + " characters.");
    }
    return p;
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
