// The view's state lives in the URL query string, so any view can be shared and reloaded,
// and back/forward work.

// Filters the API understands (also used for exports).
export const FILTER_KEYS = ["since", "until", "country", "admin1", "type", "acled_type", "actor", "min_sources", "q", "bbox"];
// Everything else the dashboard keeps in the URL.
export const VIEW_KEYS = ["sort", "interval"];

export const DEFAULT_SORT = "-date";
export const DEFAULT_INTERVAL = "week";

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") state[key] = value.trim();
  }
  return state;
}

export function query(state, keys = [...FILTER_KEYS, ...VIEW_KEYS], extra = {}) {
  const params = new URLSearchParams();
  for (const key of keys) if (state[key]) params.set(key, state[key]);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined) params.set(key, value);
  return params.toString();
}

export const withQuery = (path, qs) => (qs ? `${path}?${qs}` : path);

// Change the URL and let the router re-render. `replace` for changes that should not make a
// history entry of their own (panning the map).
export function navigate(url, { replace = false } = {}) {
  if (url === window.location.pathname + window.location.search) return;
  window.history[replace ? "replaceState" : "pushState"](null, "", url);
  window.dispatchEvent(new Event("eventwire:navigate"));
}

export function setState(next, options) {
  navigate(withQuery("/", query(next)), options);
}
