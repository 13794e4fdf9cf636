package dev.keypool.storage;

import dev.keypool.config.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-GCM cipher that keeps provider secrets encrypted at rest. Each value gets a fresh random
 * 12-byte IV and a 128-bit tag; the stored form is {@code v1:} followed by base64(iv || ciphertext).
 * The version prefix leaves room to rotate the scheme without guessing at old rows.
 *
 * <p>GCM authenticates as well as encrypts, so a wrong key is detected (tag mismatch) rather than
 * producing garbage secrets that would then be sent upstream.
 */
public final class SecretCipher {

  static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SecretCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A cipher for a base64 AES key of 16, 24 or 32 bytes. */
  public static SecretCipher fromBase64Key(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalArgumentException("encryption key is empty");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("encryption key is not valid base64: " + e.getMessage(), e);
    }
    if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
      throw new IllegalArgumentException(
          "encryption key must decode to 16, 24 or 32 bytes (AES-128/192/256), got " + raw.length + " bytes");
    }
    return new SecretCipher(raw);
  }

  /**
   * The cipher for this install: {@code cfg.encryptionKey()} when set, otherwise the key in
   * {@code keyFileIfUnset}, which is generated on first start. See {@link KeyFile}.
   */
  public static SecretCipher load(StorageConfig cfg, Path keyFileIfUnset) {
    if (cfg.encryptionKey() != null && !cfg.encryptionKey().isBlank()) {
      return fromBase64Key(cfg.encryptionKey());
    }
    return fromBase64Key(KeyFile.readOrCreate(keyFileIfUnset));
  }

  /** A fresh random 32-byte key, base64-encoded, as {@link #fromBase64Key} accepts. */
  public static String generateBase64Key() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption unavailable", e);
    }
  }

  /** The plaintext of a value made by {@link #encrypt}; a wrong key raises {@link SecretDecryptionException}. */
  public String decrypt(String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      throw new SecretDecryptionException("cannot decrypt provider secrets: unknown stored format (expected v1:...)", null);
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      if (in.length < IV_BYTES + TAG_BITS / 8) {
        throw new SecretDecryptionException("cannot decrypt provider secrets: stored value is truncated", null);
      }
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretDecryptionException("cannot decrypt provider secrets: wrong encryption key?", e);
    } catch (IllegalArgumentException e) {
      throw new SecretDecryptionException("cannot decrypt provider secrets: stored value is not valid base64", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SecretCipher[AES-" + key.getEncoded().length * 8 + "-GCM]";
  }
}
