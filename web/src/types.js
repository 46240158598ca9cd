// PLOVER event types (eventwire.ontology.PLOVER_TYPES) and the colour each is drawn in, on
// the map, in the timeline and in legends. Colours are always paired with the type's name.

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

const COLORS = {
  ASSAULT: "#d62728", COERCE: "#ff7f0e", PROTEST: "#9467bd", THREATEN: "#e377c2",
  ACCUSE: "#bcbd22", REJECT: "#8c564b", SANCTION: "#7f7f7f", MOBILIZE: "#c49c94",
  REQUEST: "#17becf", CONSULT: "#1f77b4", AGREE: "#2ca02c", SUPPORT: "#98df8a",
  COOPERATE: "#aec7e8", AID: "#ffbb78", CONCEDE: "#c5b0d5", RETREAT: "#ff9896",
};

export const typeColor = (type) => COLORS[type] || "#555555";

export const typeLabel = (type) => (type ? type.charAt(0) + type.slice(1).toLowerCase() : "Unknown");
