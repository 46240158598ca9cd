// How event records are described in the table, popups and the event page.
import { fmtNumber } from "./dom.js";

export const partyName = (party) => (party ? party.name || party.text || "" : "");

export function parties(event) {
  const actor = partyName(event.actor) || "Unknown actor";
  const recipient = partyName(event.recipient);
  return recipient ? `${actor} → ${recipient}` : actor;
}

export function place(event) {
  const loc = event.location;
  if (!loc) return "";
  const parts = [loc.name || loc.text, loc.admin1 && loc.admin1 !== (loc.name || loc.text) ? loc.admin1 : null, loc.country];
  return parts.filter(Boolean).join(", ");
}

const count = (q) => (q && q.count !== null && q.count !== undefined ? q.count : null);

export function casualties(event) {
  const parts = [];
  const killed = count(event.fatalities);
  const injured = count(event.injuries);
  if (killed !== null) parts.push(`${fmtNumber(killed)} killed`);
  else if (event.fatalities?.text) parts.push(`“${event.fatalities.text}” killed`);
  if (injured !== null) parts.push(`${fmtNumber(injured)} injured`);
  else if (event.injuries?.text) parts.push(`“${event.injuries.text}” injured`);
  return parts.join(", ");
}

export const eventDate = (event) => event.date || "date unknown";

export function sources(event) {
  const c = event.cluster;
  if (!c) return 1;
  return c.independent_sources ?? c.reports ?? 1;
}

export const eventPath = (id) => `/events/${encodeURIComponent(id)}`;
export const articlePath = (docId) => `/articles/${encodeURIComponent(docId)}`;
