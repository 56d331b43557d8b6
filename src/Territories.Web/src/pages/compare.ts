// Compare runs: each run's figures side by side with the change from the first run, the accounts whose rep differs,
// and those accounts outlined on the last run's map.
import { get } from "../core/api";
import { fmt, h, put, table } from "../core/dom";
import type { ComparedRun, Comparison, Run, Scenario } from "../core/types";
import { PlanWorkspace } from "../plan/workspace";
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
  const mapBox = h("section", { "aria-label": "Changed accounts on the map" });
  put(main, h("h1", {}, "Compare runs"), figures, h("div", { class: "compare-detail" }, h("div", { class: "scroll-y", tabindex: "0", role: "region", "aria-label": "Accounts whose rep changes" }, changes), mapBox));

  const last = await get<Run>(`/api/v1/runs/${encodeURIComponent(c.runs[c.runs.length - 1].runId)}`);
  if (!last.plan?.assignments.length) return;
  const scenario = await get<Scenario>(`/api/v1/scenarios/${encodeURIComponent(last.scenarioId)}`);
  const workspace = await PlanWorkspace.load(last.plan, scenario, false);
  put(mapBox, h("h2", {}, `Run ${last.id}, changed accounts outlined`), workspace.element);
  workspace.mount();
  workspace.highlightAccounts(c.changedAccounts.map(a => a.accountId));
  return () => workspace.dispose();
};
