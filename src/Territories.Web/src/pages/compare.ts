// Compare runs: each run's figures side by side with the change from the first run, the accounts whose rep differs,
// and each run's map with those accounts outlined, every rep in the same colour on every map.
import { get } from "../core/api";
import { fmt, h, put, table } from "../core/dom";
import type { ComparedRun, Comparison, Plan, Problem, Run, Scenario } from "../core/types";
import { runColours } from "../plan/palette";
import { PlanWorkspace } from "../plan/workspace";

const enc = encodeURIComponent;
import type { Page } from "./page";

const rows: [string, (r: ComparedRun) => number | null, (x: number) => string][] = [
  ["Objective", r => r.objective, fmt.num],
  ["Largest workload deviation", r => r.workloadMaxDeviation, fmt.pct],
  ["Lowest utilisation", r => r.utilizationMin, fmt.pct],
  ["Highest utilisation", r => r.utilizationMax, fmt.pct],
  ["Utilisation spread", r => r.utilizationSpread, fmt.pct],
  ["Travel (km)", r => r.totalTravelKm, fmt.int],
  ["Moved accounts", r => r.movedAccounts, fmt.int],
  ["Moved revenue", r => r.movedRevenue, fmt.money],
  ["Coverage", r => r.coverage, fmt.pct],
  ["Reps", r => r.reps, fmt.int],
];

export const comparePage: Page = async (main, _, query) => {
  const ids = (new URLSearchParams(query ?? "").get("runs") ?? "").split(",").filter(Boolean);
  if (ids.length < 2) {
    put(main, h("h1", {}, "Compare runs"), h("p", {}, "Pick two or more finished runs on the ", h("a", { href: "#/runs" }, "runs page"), "."));
    return;
  }
  const c = await get<Comparison>(`/api/v1/compare?runs=${ids.map(encodeURIComponent).join(",")}`);
  const first = c.runs[0];
  const headers = ["Figure", ...c.runs.flatMap((r, i) => (i === 0 ? [r.runId] : [r.runId, `Δ vs ${first.runId}`]))];
  const figures = table("Figures per run", headers, rows.map(([name, value, format]) => [
    name, ...c.runs.flatMap((r, i) => {
      const v = value(r), base = value(first);
      return i === 0 ? [v === null ? "–" : format(v)] : [v === null ? "–" : format(v), v === null || base === null ? "–" : fmt.signed(v - base, format)];
    }),
  ]), { class: "comparison" });
  const changes = table(`Accounts whose rep changes (${fmt.int(c.changedAccountCount)}${c.changedAccounts.length < c.changedAccountCount ? `, first ${c.changedAccounts.length} listed` : ""})`,
    ["Account", ...c.runs.map(r => `Rep in ${r.runId}`)], c.changedAccounts.slice(0, 500).map(a => [a.accountId, ...a.repIds.map(r => r ?? "–")]), { class: "changed" });
  const maps = h("div", { class: "compare-maps" });
  put(main, h("h1", {}, "Compare runs"), figures, h("div", { class: "compare-detail" }, h("div", { class: "scroll-y", tabindex: "0", role: "region", "aria-label": "Accounts whose rep changes" }, changes)), maps);
  const workspaces = await mapsOf(c.runs.slice(0, shownMaps).map(r => r.runId));
  for (const w of workspaces) {
    maps.appendChild(h("section", { "aria-label": `Run ${w.input.run.id} on the map` }, h("h2", {}, `Run ${w.input.run.id}, changed accounts outlined`), w.element));
    w.mount();
    w.highlightAccounts(c.changedAccounts.map(a => a.accountId));
  }
  return () => workspaces.forEach(w => w.dispose());
};

/** At most this many maps side by side. */
const shownMaps = 4;

/** A read-only workspace per run with a plan, all coloured from one rep-colour mapping (a rep has the same colour on every map). */
async function mapsOf(runIds: string[]): Promise<PlanWorkspace[]> {
  const runs = (await Promise.all(runIds.map(id => get<Run>(`/api/v1/runs/${enc(id)}`)))).filter((r): r is Run & { plan: Plan } => !!r.plan?.assignments.length);
  if (runs.length === 0) return [];
  const [scenarios, problems] = await Promise.all([
    Promise.all(runs.map(r => get<Scenario>(`/api/v1/scenarios/${enc(r.scenarioId)}`))),
    Promise.all(runs.map(r => get<Problem>(`/api/v1/runs/${enc(r.id)}/problem`))),
  ]);
  const datasetId = scenarios[0].datasetId;
  const units = await get<GeoJSON.FeatureCollection>(`/api/v1/datasets/${enc(datasetId)}/units`).catch(() => null);
  const colours = runColours(problems.map((problem, i) => ({ problem, changes: scenarios[i].changes })));
  return runs.map((run, i) => new PlanWorkspace({ run, problem: problems[i], units: units?.features?.length ? units : null, scenario: scenarios[i], colours, editable: false }));
}
