// Client of Eventwire's REST API (/v1/...). A bearer token, if the server wants one, is read
// from localStorage["eventwire.token"].

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function getJSON(path, qs = "", { signal } = {}) {
  const headers = { Accept: "application/json" };
  const token = window.localStorage.getItem("eventwire.token");
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers, signal });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = plain((await response.json()).detail) || detail;
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

// The API's reason in words: a string as it is; validation errors as "field: message".
function plain(detail) {
  if (typeof detail === "string") return detail;
  if (!Array.isArray(detail)) return "";
  return detail.map((e) => `${(e.loc || []).filter((part) => part !== "query").join(".")}: ${e.msg}`).join("; ");
}

// One request at a time per channel: a newer request cancels the older one.
export function channel() {
  let controller = null;
  return async (path, qs) => {
    controller?.abort();
    controller = new AbortController();
    return getJSON(path, qs, { signal: controller.signal });
  };
}

export const isAbort = (error) => error?.name === "AbortError";

export const EXPORTS = [
  ["/v1/export.csv", "CSV"],
  ["/v1/export.acled.csv", "ACLED CSV"],
  ["/v1/export.geojson", "GeoJSON"],
  ["/v1/export.jsonl", "JSON Lines"],
];
