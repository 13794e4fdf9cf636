package dev.keypool.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Providers added or changed at run time, kept so they outlive a restart and reach every instance
 * sharing the database. Each provider id has at most one row: a definition (JSON in the shape of a
 * {@code providers:} entry, see {@link dev.keypool.config.ProviderDefinitions}) or a removal that hides
 * the file's provider of that id. The extra headers and the provider's own proxy are stored apart from
 * the definition, each encrypted with the {@link SecretCipher}: a header may carry a credential, and a
 * proxy URL its user name and password. Every method blocks (run it through {@link Blocking}).
 */
public final class ProviderStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource ds;
  private final SecretCipher cipher;
  private final Clock clock;

  public ProviderStore(DataSource ds, SecretCipher cipher, Clock clock) {
    this.ds = ds;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** Every stored change by provider id, in id order: a definition (secrets decrypted), or empty for a removal. */
  public Map<String, Optional<ObjectNode>> all() {
    return Jdbc.query(ds, "read providers", c -> {
      Map<String, Optional<ObjectNode>> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, definition, headers, proxy, removed FROM providers ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBoolean(5) ? Optional.empty()
              : Optional.of(definition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
        }
      }
      return out;
    });
  }

  /** Stores {@code definition} as provider {@code id}'s, replacing any change it had. */
  public void put(String id, ObjectNode definition) {
    Sealed row = seal(definition);
    upsert(id, row.definition(), row.headers(), row.proxy());
  }

  /** Records that provider {@code id} is deleted, whatever the file says. */
  public void markRemoved(String id) {
    upsert(id, null, null, null);
  }

  /** Drops the run-time change of provider {@code id}; false if it had none. */
  public boolean clear(String id) {
    return Jdbc.inTransaction(ds, "clear provider " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM providers WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * Encrypts what rows written before the proxy had a column of its own keep in plain text in their
   * definition (the proxy URL, with its credentials), leaving what they mean unchanged. A row another
   * instance rewrote meanwhile is left to that write. Returns the ids of the rows sealed.
   */
  public List<String> sealPlainSecrets() {
    return Jdbc.inTransaction(ds, "encrypt stored provider secrets", c -> {
      List<String> sealed = new ArrayList<>();
      for (String[] row : Jdbc.select(c, "SELECT id, definition, headers, proxy FROM providers WHERE definition IS NOT NULL",
          rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})) {
        ObjectNode stored = parse(row[0], row[1]);
        if (!stored.has("proxy") && !stored.has("headers")) {
          continue;
        }
        Sealed s = seal(definition(row[0], row[1], row[2], row[3]));
        if (Jdbc.update(c, "UPDATE providers SET definition = ?, headers = ?, proxy = ? WHERE id = ? AND definition = ?",
            s.definition(), s.headers(), s.proxy(), row[0], row[1]) == 1) {
          sealed.add(row[0]);
        }
      }
      return sealed;
    });
  }

  /** A definition as stored: the JSON without its secrets, and each secret encrypted (null when absent). */
  private record Sealed(String definition, String headers, String proxy) {}

  private Sealed seal(ObjectNode definition) {
    ObjectNode plain = definition.deepCopy();
    JsonNode headers = plain.remove("headers");
    JsonNode proxy = plain.remove("proxy");
    return new Sealed(plain.toString(),
        headers == null || headers.isEmpty() ? null : cipher.encrypt(headers.toString()),
        proxy == null || proxy.isNull() ? null : cipher.encrypt(proxy.asText()));
  }

  /**
   * The definition with its secrets decrypted into it. A row from before the proxy column holds the
   * proxy in the definition itself: it is read as it is.
   */
  private ObjectNode definition(String id, String definition, String headers, String proxy) {
    ObjectNode out = parse(id, definition);
    try {
      if (headers != null) {
        out.set("headers", JSON.readTree(cipher.decrypt(headers)));
      }
    } catch (JsonProcessingException e) {
      throw new StorageException("stored headers of provider " + id + " are not JSON", e);
    }
    if (proxy != null) {
      out.put("proxy", cipher.decrypt(proxy));
    }
    return out;
  }

  private static ObjectNode parse(String id, String definition) {
    try {
      return (ObjectNode) JSON.readTree(definition);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new StorageException("stored provider " + id + " is not a JSON object", e);
    }
  }

  private void upsert(String id, String definition, String headers, String proxy) {
    Jdbc.inTransaction(ds, "store provider " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO providers (id, definition, headers, proxy, removed, "
          + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, "
          + "headers = excluded.headers, proxy = excluded.proxy, removed = excluded.removed, "
          + "updated_at = excluded.updated_at")) {
        ps.setString(1, id);
        ps.setString(2, definition);
        ps.setString(3, headers);
        ps.setString(4, proxy);
        ps.setBoolean(5, definition == null);
        ps.setLong(6, clock.millis());
        return ps.executeUpdate();
      }
    });
  }
}
