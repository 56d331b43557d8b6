// Rep colours: a qualitative palette made for colour-blind readers (Okabe & Ito's eight, then Paul Tol's "muted"),
// one colour per rep in the order of the scenario's rep list (a scenario that removes a rep shifts the later ones).
const colours = [
  "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
  "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
];

/** Neutral grey for units without accounts. */
export const unassigned = "#e6e6e6";

export function paletteFor(repIds: string[]): Map<string, string> {
  return new Map(repIds.map((id, i) => [id, colours[i % colours.length]]));
}
