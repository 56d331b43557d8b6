// Rep colours: a qualitative palette made for colour-blind readers (Okabe & Ito's eight, then Paul Tol's "muted").
const colours = [
  "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
  "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
];

/** Neutral grey for units without accounts. */
export const unassigned = "#e6e6e6";

/**
 * One colour per rep id, the same on every page, run and map: the dataset's reps take the palette's colours in the
 * dataset's order, then reps that scenarios add (not in the dataset) in id order. A scenario that removes a rep leaves
 * every other rep's colour as it was.
 */
export function repColours(datasetRepIds: string[], addedRepIds: Iterable<string> = []): Map<string, string> {
  const known = new Set(datasetRepIds);
  const added = [...new Set(addedRepIds)].filter(id => !known.has(id)).sort();
  return new Map([...datasetRepIds, ...added].map((id, i) => [id, colours[i % colours.length]]));
}
