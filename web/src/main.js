// Eventwire web app entry point: a tiny client-side router over three views, the dashboard
// (/), the event page (/events/<id>) and the article page (/articles/<document id>). Links inside the app are handled without reloads;
// back/forward re-render from the URL.
import "./style.css";
import { createDashboard } from "./dashboard.js";
import { renderArticle } from "./article.js";
import { renderEvent } from "./event.js";
import { saveTileSetting, tileSetting } from "./map.js";
import { readState } from "./state.js";

const main = document.getElementById("main");
const dashboardRoot = document.createElement("div");
const eventRoot = document.createElement("div");
eventRoot.className = "event-view";
main.append(dashboardRoot, eventRoot);

let dashboard = null;
let lastEvent = null;

function route() {
  const path = window.location.pathname;
  const event = path.match(/^\/events\/([^/]+)\/?$/);
  const article = path.match(/^\/articles\/(.+)$/);
  if (event || article) {
    dashboard?.hide();
    eventRoot.hidden = false;
    if (event) {
      lastEvent = decodeURIComponent(event[1]);
      renderEvent(eventRoot, lastEvent);
    } else renderArticle(eventRoot, decodeURIComponent(article[1]));
    window.scrollTo(0, 0);
    return;
  }
  eventRoot.hidden = true;
  eventRoot.replaceChildren();
  if (!dashboard) dashboard = createDashboard(dashboardRoot);
  dashboard.show();
  dashboard.update(readState());
  if (lastEvent) {
    const id = lastEvent;
    lastEvent = null;
    setTimeout(() => dashboard.focusEvent(id), 300);
  }
}

// Follow in-app links without a page load.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest("a[href]");
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith("/v1/") || url.pathname.startsWith("/static/")) return;
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
  event.preventDefault();
  window.history.pushState(null, "", url.pathname + url.search);
  route();
});
window.addEventListener("popstate", route);
window.addEventListener("eventwire:navigate", route);

// Optional tile server (for users who are online), stored in this browser.
const tileForm = document.getElementById("tile-settings");
if (tileForm) {
  const current = tileSetting();
  tileForm.tiles.value = current.url;
  tileForm.attribution.value = current.attribution;
  tileForm.addEventListener("submit", (event) => {
    event.preventDefault();
    saveTileSetting(tileForm.tiles.value.trim(), tileForm.attribution.value.trim());
    window.location.reload();
  });
  document.getElementById("tile-clear")?.addEventListener("click", () => {
    saveTileSetting("", "");
    const url = new URL(window.location.href);
    url.searchParams.delete("tiles");
    window.location.replace(url.toString());
  });
}

route();
