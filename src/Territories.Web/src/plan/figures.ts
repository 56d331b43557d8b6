// A plan's figures as readable HTML: the rep table (usable without the map), KPIs, objective terms, diagnostics and
// the rules an edited plan breaks.
import { fmt, h, table } from "../core/dom";
import type { Diagnostic, Kpis, ObjectiveTerm, RepSummary, Violation } from "../core/types";

export interface Band { metric: string; tolerance: number }

/** One row per rep; a rep outside the balance band is marked in words, not only in colour. */
export function repTable(reps: RepSummary[], colours: Map<string, string>, band: Band, nameOf: (repId: string) => string): HTMLTableElement {
  const rows = reps.map(r => {
    const outside = r.deviation !== undefined && Math.abs(r.deviation) > band.tolerance + 1e-9;
    return [
      h("span", {}, swatch(colours.get(r.repId)), ` ${nameOf(r.repId)}`),
      fmt.int(r.accounts), fmt.num(r.workload), fmt.num(r.capacity), fmt.pct(r.utilization),
      r.deviation === undefined ? "–" : h("span", { class: outside ? "bad" : "" }, `${fmt.signed(r.deviation, fmt.pct)}${outside ? " (outside band)" : ""}`),
      fmt.int(r.travelKm), fmt.int(r.movedIn), fmt.int(r.movedOut),
    ];
  });
  return table(`Reps (balance on ${band.metric}, band ±${fmt.pct(band.tolerance)} of fair share)`,
    ["Rep", "Accounts", "Workload (h)", "Capacity (h)", "Utilisation", "vs fair share", "Travel (km)", "Moved in", "Moved out"], rows, { class: "reps" });
}

export function kpiList(kpis: Kpis, objective: number | null, extra: [string, string][] = []): HTMLElement {
  const items: [string, string][] = [
    ["Objective", fmt.num(objective)],
    ["Moved accounts", fmt.int(kpis.movedAccounts)],
    ["Moved revenue", fmt.money(kpis.movedRevenue)],
    ["Largest workload deviation", fmt.pct(kpis.workloadMaxDeviation)],
    ["Utilisation", `${fmt.pct(kpis.utilizationMin)} – ${fmt.pct(kpis.utilizationMax)}`],
    ["Travel (km)", fmt.int(kpis.totalTravelKm)],
    ...extra,
  ];
  return h("dl", { class: "kpis", "aria-label": "Key figures" }, items.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", { "data-kpi": k }, v))));
}

export function termsTable(terms: ObjectiveTerm[] | undefined): HTMLElement | null {
  if (!terms?.length) return null;
  return table("Objective terms", ["Term", "Weight", "Raw", "Scale", "Contribution", "What it measures"],
    terms.map(t => [t.term, fmt.num(t.weight), fmt.num(t.raw), fmt.num(t.scale), fmt.num(t.contribution), t.reason]));
}

/** Diagnostics in plain words, with the ids they concern. */
export function diagnosticsList(diagnostics: Diagnostic[]): HTMLElement {
  if (diagnostics.length === 0) return h("p", { class: "muted" }, "No diagnostics.");
  return h("ul", { class: "diagnostics" }, diagnostics.map(d => h("li", {},
    h("strong", {}, d.code), ": ", d.message,
    ids("skills", d.skills), ids("reps", d.repIds), ids("accounts", d.accountIds))));
}

/** The broken rules, counted per rule; the first few in full, the rest behind a disclosure. */
export function violationsList(violations: Violation[]): HTMLElement {
  if (violations.length === 0) return h("p", { class: "good" }, "Every hard rule holds.");
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  const item = (v: Violation) => h("li", {}, h("strong", {}, v.rule), ": ", v.message, ids("reps", v.repIds), ids("accounts", v.accountIds));
  const shown = 6;
  return h("div", {},
    h("p", {}, [...counts].map(([rule, n]) => `${n} × ${rule}`).join(" · ")),
    h("ul", { class: "violations", "aria-label": "Broken rules" }, violations.slice(0, shown).map(item)),
    violations.length > shown ? h("details", {}, h("summary", {}, `${violations.length - shown} more`), h("ul", {}, violations.slice(shown).map(item))) : null);
}

function ids(label: string, values: string[] | undefined): HTMLElement | null {
  if (!values?.length) return null;
  const shown = values.slice(0, 12).join(", ") + (values.length > 12 ? ` and ${values.length - 12} more` : "");
  return h("span", { class: "ids" }, ` (${label}: ${shown})`);
}

/** The rep colours, each rep's chip and name (the map's key). */
export function repLegend(repIds: string[], colours: Map<string, string>, nameOf: (repId: string) => string): HTMLElement {
  return h("ul", { class: "legend", "aria-label": "Rep colours" }, repIds.map(id => h("li", { "data-rep": id }, swatch(colours.get(id)), ` ${nameOf(id)}`)));
}

/** A colour chip; set through the style object, which the page's Content-Security-Policy allows (style attributes it does not). */
export function swatch(colour: string | undefined): HTMLElement {
  const chip = h("span", { class: "swatch", "aria-hidden": "true" });
  chip.style.background = colour ?? "transparent";
  return chip;
}
