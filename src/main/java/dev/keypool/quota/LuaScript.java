package dev.keypool.quota;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script on the classpath, run by its SHA-1 (EVALSHA) and sent whole (EVAL, which also caches
 * it) only when Redis does not know it yet, e.g. after a restart.
 */
final class LuaScript {
  private final String name;
  private final String text;
  private final String sha;

  private LuaScript(String name, String text) {
    this.name = name;
    this.text = text;
    this.sha = sha1(text);
  }

  static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource);
      }
      return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /** Runs the script, which answers a list of integers (as every script here does). */
  List<Long> run(RedisCommands<String, String> redis, String[] keys, String[] args) {
    try {
      return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(text, ScriptOutputType.MULTI, keys, args);
    }
  }

  /** {@link #run} without waiting: the stage completes on Lettuce's I/O thread. */
  CompletionStage<List<Long>> runAsync(RedisAsyncCommands<String, String> redis, String[] keys, String[] args) {
    CompletionStage<List<Long>> bySha = redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
    return bySha.exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
        ? redis.<List<Long>>eval(text, ScriptOutputType.MULTI, keys, args)
        : bySha);
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  String sha() {
    return sha;
  }

  @Override
  public String toString() {
    return name;
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
