// What the event and article pages share: a way back to the dashboard with its filters, a
// loading state, and a plain message when the record cannot be loaded.
import { getJSON } from "./api.js";
import { h } from "./dom.js";
import { query, readState } from "./state.js";

// Load `path` into `root` (a page about a `noun`); the record, or null once the page says
// why there is none (`missing` words a 404).
export async function loadPage(root, noun, path, missing) {
  const state = readState();
  const nav = () => h("nav", { "aria-label": noun[0].toUpperCase() + noun.slice(1) }, h("a", { href: `/${query(state) ? `?${query(state)}` : ""}`, class: "back" }, "← Back to events"));
  root.replaceChildren(nav(), h("p", { role: "status", "aria-live": "polite" }, `Loading ${noun}…`));
  try {
    return { record: await getJSON(path), nav, state };
  } catch (error) {
    const heading = h("h1", { tabindex: "-1" }, error.status === 404 ? `${noun[0].toUpperCase()}${noun.slice(1)} not found` : `Could not load the ${noun}`);
    root.replaceChildren(nav(), heading, h("p", { role: "alert" }, error.status === 404 ? missing : error.message));
    heading.focus();
    document.title = `Eventwire: ${noun} not found`;
    return null;
  }
}
