// The rows of a live view: newest first, at most `max` kept, with pause (events counted, shown on resume),
// the server's "dropped" notices and the stream's connection state.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';

/**
 * Opens `path` as a server-sent event stream with `query`; `seed` (a promise of rows, oldest first) fills
 * the view first; `key(row)` tells rows apart so a row in both the seed and the stream shows once.
 * Returns {rows, state, dropped, paused, waiting, setPaused, clear}.
 */
export function useLiveRows({ path, query, seed, key, max = 2000, deps = [] }) {
  const [rows, setRows] = useState([]);
  const [state, setState] = useState('connecting');
  const [dropped, setDropped] = useState(0);
  const [paused, setPausedState] = useState(false);
  const pausedRef = useRef(false);
  const held = useRef([]);
  const [waiting, setWaiting] = useState(0);

  const add = (incoming) => setRows((old) => {
    const seen = new Set(old.map(key));
    const fresh = incoming.filter((r) => !seen.has(key(r)));
    return [...fresh.reverse(), ...old].slice(0, max);
  });

  useEffect(() => {
    setRows([]);
    setDropped(0);
    held.current = [];
    setWaiting(0);
    let open = true;
    let close = null;
    Promise.resolve(seed ? seed() : []).catch(() => []).then((first) => {
      if (!open) return;
      add(first);
      close = api.stream(path, query, {
        message: (row) => {
          if (pausedRef.current) {
            held.current.push(row);
            if (held.current.length > max) held.current.shift();
            setWaiting(held.current.length);
          } else {
            add([row]);
          }
        },
        dropped: (n) => setDropped((d) => d + n),
        state: setState,
      });
    });
    return () => {
      open = false;
      if (close) close();
    };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps

  const setPaused = (p) => {
    pausedRef.current = p;
    setPausedState(p);
    if (!p && held.current.length) {
      add(held.current);
      held.current = [];
      setWaiting(0);
    }
  };
  return { rows, state, dropped, paused, waiting, setPaused, clear: () => setRows([]) };
}
