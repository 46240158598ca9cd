// Tiny DOM helpers: build elements without innerHTML, so article text and names are never
// parsed as markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

// A link to another site only for http(s) addresses: a stored "javascript:" or "data:" URL
// is shown as text, never made clickable.
export function externalLink(url, label) {
  let scheme = "";
  try {
    scheme = new URL(url).protocol;
  } catch {
    return label || url;
  }
  if (scheme !== "http:" && scheme !== "https:") return label || url;
  return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, label || url);
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const numberFormat = new Intl.NumberFormat("en");
export const fmtNumber = (n) => (n === null || n === undefined ? "" : numberFormat.format(n));
