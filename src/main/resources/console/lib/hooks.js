// Data loading for widgets: one request per widget per refresh, with loading and error states, refreshed
// on a timer only while the tab is visible, and never two refreshes of the same widget at once.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * Runs `load()` (a function returning a promise) now, whenever `deps` change, and every `refreshMs`
 * (0: never). Returns {data, error, loading, reload}. Older answers never overwrite newer ones.
 */
export function useResource(load, deps = [], refreshMs = 0) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const generation = useRef(0);
  const busy = useRef(false);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    Promise.resolve()
      .then(() => loader.current())
      .then(
        (data) => mine === generation.current && setState({ data, error: null, loading: false }),
        (error) => mine === generation.current && setState((s) => ({ data: s.data, error, loading: false })),
      )
      .finally(() => {
        busy.current = false;
      });
  }, []);

  useEffect(() => {
    busy.current = false;
    reload();
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps

  useInterval(() => document.visibilityState === 'visible' && reload(), refreshMs);
  return { ...state, reload };
}

/** Calls `fn` every `ms` milliseconds (nothing when ms is 0). */
export function useInterval(fn, ms) {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!ms) return undefined;
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}

/** The current time, updated every `ms` (for countdowns and "3 min ago"). */
export function useNow(ms = 1000) {
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), ms);
  return now;
}

/** A value kept in localStorage under `key`. */
export function useStored(key, initial) {
  const [value, setValue] = useState(() => {
    try {
      const v = localStorage.getItem(key);
      return v === null ? initial : JSON.parse(v);
    } catch {
      return initial;
    }
  });
  const set = useCallback((v) => {
    setValue(v);
    try {
      localStorage.setItem(key, JSON.stringify(v));
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, [key]);
  return [value, set];
}
