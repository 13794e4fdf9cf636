package dev.keypool.storage;

import java.security.SecureRandom;

/**
 * Generator of record ids such as {@code pk_3f2kq...}: a type prefix, an underscore and 20 random
 * lower-case base32 characters (100 bits), so ids are unguessable, URL-safe and readable in logs.
 */
public final class Ids {

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String newId(String prefix) {
    char[] out = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return prefix + "_" + new String(out);
  }
}
