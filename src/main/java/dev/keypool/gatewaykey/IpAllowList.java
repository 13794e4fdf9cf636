package dev.keypool.gatewaykey;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client addresses a key may be used from: CIDR blocks (or single addresses), IPv4 and IPv6.
 * Empty means any address. Entries are parsed once, when the key is loaded or changed, so a request
 * costs one address parse and a few byte comparisons.
 */
public final class IpAllowList {

  public static final IpAllowList ANY = new IpAllowList(List.of());

  private final List<String> entries;
  private final List<Block> blocks;

  private record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  /** Parses {@code entries}; throws {@link IllegalArgumentException} naming the first bad one. */
  public IpAllowList(List<String> entries) {
    this.entries = List.copyOf(entries);
    List<Block> parsed = new ArrayList<>(entries.size());
    for (String e : this.entries) {
      parsed.add(block(e));
    }
    this.blocks = List.copyOf(parsed);
  }

  public List<String> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether a client at {@code host} (an IP literal as the server reports it) may use the key. */
  public boolean allows(String host) {
    if (blocks.isEmpty()) {
      return true;
    }
    byte[] address = literal(host);
    if (address == null) {
      return false;
    }
    byte[] v4 = unmapped(address);
    for (Block b : blocks) {
      if (b.contains(address) || (v4 != null && b.contains(v4))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (never a name: no DNS lookup happens). */
  public static boolean isAddress(String host) {
    return literal(host) != null;
  }

  private static Block block(String entry) {
    String text = entry.trim();
    int slash = text.indexOf('/');
    byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + bits);
      }
    }
    return new Block(address, prefix);
  }

  /** The bytes of an IP literal, or null; never a DNS lookup, since only digits, dots, colons and hex pass. */
  private static byte[] literal(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int zone = h.indexOf('%');
    if (zone >= 0) {
      h = h.substring(0, zone);
    }
    boolean v6 = h.indexOf(':') >= 0;
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return null;
      }
    }
    if (!v6 && h.chars().filter(c -> c == '.').count() != 3) {
      return null;
    }
    try {
      return InetAddress.getByName(h).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), or null. */
  private static byte[] unmapped(byte[] a) {
    if (a.length != 16) {
      return null;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return null;
      }
    }
    if (a[10] != (byte) 0xFF || a[11] != (byte) 0xFF) {
      return null;
    }
    return new byte[] {a[12], a[13], a[14], a[15]};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAllowList other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
