# Raises the shell's soft open-file limit (ulimit -n) before the gateway starts; sourced by ./keypool
# and bench/. Each proxied stream holds two descriptors (client and upstream connection): the default
# caps (12,000 proxy connections, admin and upstream pools) need about 24,576. The gateway reads the
# limit it gets and lowers its proxy cap to fit, so a lower limit is safe, only smaller.
# Usage: keypool_raise_open_files [wanted]   (default $KEYPOOL_OPEN_FILES or 24576)

keypool_raise_open_files() {
  local want="${1:-${KEYPOOL_OPEN_FILES:-24576}}" soft hard target
  soft="$(ulimit -Sn)"
  hard="$(ulimit -Hn)"
  [ "$soft" = unlimited ] && return 0
  if [ "$hard" = unlimited ]; then
    target=$(( soft > want ? soft : want ))
  else
    target="$hard"
  fi
  if [ "$target" -gt "$soft" ]; then
    if ulimit -Sn "$target" 2>/dev/null; then
      echo "keypool: open-file limit raised from $soft to $target (ulimit -n)" >&2
      soft="$target"
    fi
  fi
  if [ "$soft" -lt "$want" ]; then
    echo "keypool: open-file limit is $soft (hard limit $hard), below the $want wanted (10,000 concurrent" \
      "streams need about 24,576); the gateway will lower its proxy connection cap to fit. Raise the hard" \
      "limit (systemd LimitNOFILE=, docker --ulimit nofile=, /etc/security/limits.conf) to serve more." >&2
    return 1
  fi
  return 0
}
