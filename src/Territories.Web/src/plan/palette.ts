import type { Changes } from "../core/types";

// Rep colours: a qualitative palette made for colour-blind readers (Okabe & Ito's eight, then Paul Tol's "muted").
const colours = [
  "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
  "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
];

/** Neutral grey for units without accounts. */
export const unassigned = "#e6e6e6";

/** Other reps' shapes behind one rep's day route. */
export const pale = "#f7f7f7";

/**
 * One colour per rep id, the same on every page, run and map: the dataset's reps take the palette's colours in id
 * order, then reps that scenarios add (not in the dataset) in id order. A scenario that removes a rep leaves every
 * other rep's colour as it was.
 */
export function repColours(datasetRepIds: Iterable<string>, addedRepIds: Iterable<string> = []): Map<string, string> {
  const base = [...new Set(datasetRepIds)].sort();
  const known = new Set(base);
  const added = [...new Set(addedRepIds)].filter(id => !known.has(id)).sort();
  return new Map([...base, ...added].map((id, i) => [id, colours[i % colours.length]]));
}

/**
 * The colours for runs of scenarios of one dataset, from what the runs hold: the dataset's reps are each problem's
 * reps less those its scenario adds, plus those it removes.
 */
export function runColours(runs: { problem: { reps: { id: string }[] }; changes?: Changes | null }[]): Map<string, string> {
  const dataset = new Set<string>(), added = new Set<string>();
  for (const { problem, changes } of runs) {
    const adds = new Set((changes?.repsAdded ?? []).map(r => r.id));
    for (const r of problem.reps) (adds.has(r.id) ? added : dataset).add(r.id);
    for (const id of changes?.repsRemoved ?? []) dataset.add(id);
  }
  return repColours(dataset, added);
}
