package dev.keypool.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Providers added or changed at run time, kept so they outlive a restart and reach every instance
 * sharing the database. Each provider id has at most one row: a definition (JSON in the shape of a
 * {@code providers:} entry, see {@link dev.keypool.config.ProviderDefinitions}) or a removal that hides
 * the file's provider of that id. The extra headers are stored apart, encrypted with the
 * {@link SecretCipher}: a header may carry a credential. Every method blocks (run it through {@link Blocking}).
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

  /** Every stored change by provider id, in id order: a definition (headers decrypted), or empty for a removal. */
  public Map<String, Optional<ObjectNode>> all() {
    return Jdbc.query(ds, "read providers", c -> {
      Map<String, Optional<ObjectNode>> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, definition, headers, removed FROM providers ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBoolean(4) ? Optional.empty()
              : Optional.of(definition(rs.getString(1), rs.getString(2), rs.getString(3))));
        }
      }
      return out;
    });
  }

  /** Stores {@code definition} as provider {@code id}'s, replacing any change it had. */
  public void put(String id, ObjectNode definition) {
    ObjectNode plain = definition.deepCopy();
    JsonNode headers = plain.remove("headers");
    upsert(id, plain.toString(), headers == null || headers.isEmpty() ? null : cipher.encrypt(headers.toString()));
  }

  /** Records that provider {@code id} is deleted, whatever the file says. */
  public void markRemoved(String id) {
    upsert(id, null, null);
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

  private ObjectNode definition(String id, String definition, String headers) {
    try {
      ObjectNode out = (ObjectNode) JSON.readTree(definition);
      if (headers != null) {
        out.set("headers", JSON.readTree(cipher.decrypt(headers)));
      }
      return out;
    } catch (JsonProcessingException | ClassCastException e) {
      throw new StorageException("stored provider " + id + " is not a JSON object", e);
    }
  }

  private void upsert(String id, String definition, String headers) {
    Jdbc.inTransaction(ds, "store provider " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO providers (id, definition, headers, removed, updated_at) "
          + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, "
          + "headers = excluded.headers, removed = excluded.removed, updated_at = excluded.updated_at")) {
        ps.setString(1, id);
        ps.setString(2, definition);
        ps.setString(3, headers);
        ps.setBoolean(4, definition == null);
        ps.setLong(5, clock.millis());
        return ps.executeUpdate();
      }
    });
  }
}
