package dev.keypool.admin.auth;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import java.security.SecureRandom;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}).
 *
 * <p>Parameters: 9 MiB of memory, 2 passes, 1 lane, chosen so one hash takes about 50-100 ms on a
 * 2-core server: slow enough to make offline guessing expensive, fast enough that a login does not
 * hold a worker thread for long. Verification reads the parameters from the stored hash, so raising
 * them later keeps existing hashes valid; a login then replaces an {@link #outdated} hash. Every call
 * blocks: run it off the event loop.
 */
public final class PasswordHasher {
  static final int MEMORY_KIB = 9216;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int HASH_BYTES = 32;

  private static final Argon2Function ARGON2 =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CURRENT_PARAMETERS =
      "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

  // Verified against when the user does not exist, so an unknown name costs as much as a wrong password.
  private volatile String dummyHash;

  public String hash(String password) {
    return ARGON2.hash(password).getResult();
  }

  /** Whether {@code password} matches {@code hash}; false for a malformed hash. */
  public boolean verify(String password, String hash) {
    try {
      return Argon2Function.getInstanceFromHash(hash).check(password, hash);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether a hash was made with other parameters than today's: worth replacing at the next login. */
  public boolean outdated(String hash) {
    return !hash.startsWith(CURRENT_PARAMETERS);
  }

  /** Spends the time of one verification and returns false: the answer for a user that does not exist. */
  public boolean verifyNobody(String password) {
    verify(password, dummyHash());
    return false;
  }

  private String dummyHash() {
    String h = dummyHash;
    if (h == null) {
      byte[] random = new byte[16];
      RANDOM.nextBytes(random);
      h = hash(java.util.HexFormat.of().formatHex(random));
      dummyHash = h;
    }
    return h;
  }
}
