// Runs: the list (pick two or more to compare), and one run: live progress while it solves (objective and bound
// chart, elapsed time, cancel), then the plan workspace; an infeasible run shows why.
import { del, get } from "../core/api";
import { fmt, h, put, table } from "../core/dom";
import { attempt, problemView } from "../core/notice";
import { may } from "../core/session";
import type { Plan, Problem, Progress, Run, Scenario } from "../core/types";
import { lineChart } from "../plan/chart";
import { diagnosticsList } from "../plan/figures";
import { isFinished, watchRun } from "../plan/live";
import { Territories } from "../plan/territories";
import { VisitsPanel } from "../plan/visits";
import { PlanWorkspace } from "../plan/workspace";
import type { Page } from "./page";

export const runsPage: Page = async main => {
  const runs = await get<Run[]>("/api/v1/runs");
  const scenarios = new Map((await get<Scenario[]>("/api/v1/scenarios")).map(s => [s.id, s.name]));
  const boxes = runs.map(r => h("input", { type: "checkbox", value: r.id, "aria-label": `Compare run ${r.id}`, disabled: r.state !== "completed" && r.state !== "cancelled" }));
  const compare = h("form", { class: "compare-pick" },
    table("Runs", ["Compare", "Run", "Scenario", "State", "Started", "Objective", "Gap"], runs.map((r, i) => [
      boxes[i], h("a", { href: `#/runs/${encodeURIComponent(r.id)}` }, r.id), scenarios.get(r.scenarioId) ?? r.scenarioId, r.state,
      new Date(r.createdAt).toLocaleString(), fmt.num(r.progress.bestObjective), fmt.pct(r.progress.gap),
    ]), { class: "runs" }),
    h("button", { type: "submit" }, "Compare the selected runs"));
  compare.addEventListener("submit", event => {
    event.preventDefault();
    const ids = boxes.filter(b => b.checked).map(b => b.value);
    location.hash = `#/compare?runs=${ids.map(encodeURIComponent).join(",")}`;
  });
  put(main, h("h1", {}, "Runs"), runs.length ? compare : h("p", {}, "No run yet: start one from a scenario."));
};

export const runPage: Page = async (main, id) => {
  // The problem the run solved is fetched alongside the run: a finished run's page needs both.
  const problem = get<Problem>(`/api/v1/runs/${encodeURIComponent(id)}/problem`);
  problem.catch(() => undefined);
  const run = await get<Run>(`/api/v1/runs/${encodeURIComponent(id)}`);
  const scenario = await get<Scenario>(`/api/v1/scenarios/${encodeURIComponent(run.scenarioId)}`);
  const header = h("h1", {}, `Run ${run.id} of `, h("a", { href: `#/scenarios/${encodeURIComponent(scenario.id)}` }, scenario.name));
  if (!isFinished(run.state)) return live(main, header, run, scenario);
  return finished(main, header, run, scenario, problem);
};

function live(main: HTMLElement, header: HTMLElement, run: Run, scenario: Scenario): () => void {
  const objective: [number, number][] = [];
  const bound: [number, number][] = [];
  const state = h("p", { class: "state", role: "status", "aria-live": "polite" });
  const chart = h("div", { class: "chart-box" });
  const where = h("div", {});
  const cancel = may.change(scenario.ownerId) ? h("button", { type: "button", onclick: () => attempt(async () => { await del(`/api/v1/runs/${encodeURIComponent(run.id)}`); cancel!.disabled = true; }, where) }, "Cancel the run") : null;
  const show = (s: string, p: Progress) => {
    if (p.bestObjective !== null) objective.push([p.elapsedSeconds, p.bestObjective]);
    if (p.bound !== null) bound.push([p.elapsedSeconds, p.bound]);
    put(state, `State: ${s} · elapsed ${fmt.num(p.elapsedSeconds)} s · best objective ${fmt.num(p.bestObjective)} · bound ${fmt.num(p.bound)} · gap ${fmt.pct(p.gap)} · ${p.solutions} plan(s) found`);
    put(chart, lineChart("Best objective and bound over time", "s", [
      { name: "best objective", colour: "#0072B2", points: objective },
      { name: "bound", colour: "#D55E00", points: bound, dashed: true },
    ]));
  };
  show(run.state, run.progress);
  put(main, header, h("section", { class: "live", "aria-label": "Progress" }, state, chart, cancel, where));
  let leave: void | (() => void);
  const stop = watchRun(run.id, event => {
    show(event.state, event.progress);
    if (isFinished(event.state)) void get<Run>(`/api/v1/runs/${encodeURIComponent(run.id)}`).then(done => finished(main, header, done, scenario)).then(l => { leave = l; }).catch(e => put(where, problemView(e)));
  }, error => put(where, problemView(error)));
  return () => { stop(); if (leave) leave(); };
}

async function finished(main: HTMLElement, header: HTMLElement, run: Run, scenario: Scenario, problem?: Promise<Problem>): Promise<void | (() => void)> {
  const plan = run.plan;
  const summary = h("p", { class: "state" }, `State: ${run.state}`, plan ? ` · status ${plan.status} · objective ${fmt.num(plan.objective)} · bound ${fmt.num(plan.bound)} · gap ${fmt.pct(plan.gap)} · solved in ${fmt.num(plan.solveSeconds)} s` : "");
  const links = h("p", { class: "row" },
    plan && may.plan() ? h("a", { class: "button", href: `#/runs/${encodeURIComponent(run.id)}/quotas` }, "Quotas from this run") : null,
    h("a", { class: "button", href: `#/runs` }, "Compare with other runs"),
    plan?.assignments.length ? h("a", { href: `/api/v1/runs/${encodeURIComponent(run.id)}/map.svg`, download: `${run.id}.svg` }, "Download the map (SVG)") : null);
  if (run.error) { put(main, header, summary, problemView(new Error(run.error))); return; }
  if (!plan || plan.assignments.length === 0) {
    put(main, header, summary, h("h2", {}, plan?.status === "infeasible" ? "No plan meets the rules, because:" : "No plan"), diagnosticsList(plan?.diagnostics ?? []));
    return;
  }
  const workspace = await PlanWorkspace.load({ ...run, plan }, scenario, true, problem);
  performance.mark("run page: data read");
  // The visits endpoint is for planners and up (ForPlanners).
  const visits = may.plan() ? new VisitsPanel(run.id, workspace.input.problem, scenario.datasetId,
    new Territories(workspace.input.problem.accounts, workspace.input.problem.reps, new Map(plan.assignments.map(a => [a.accountId, a.repId])), workspace.input.colours, workspace.input.units)) : null;
  put(main, header, summary, plan.edit ? handEdit(plan.edit) : null, links, workspace.element, visits?.element);
  workspace.mount();
  performance.mark("run page: drawn");
  main.dataset.ready = "true";
  return () => { workspace.dispose(); visits?.dispose(); };
}

/** Where a hand-edited plan came from: who edited which run's plan, and how many accounts changed rep. */
function handEdit(edit: NonNullable<Plan["edit"]>): HTMLElement {
  return h("p", { class: "hand-edit" }, `Edited by hand by ${edit.editedBy} on ${new Date(edit.editedAt).toLocaleString()}: ${edit.moves.length} account(s) given to other reps from the plan of `,
    h("a", { href: `#/runs/${encodeURIComponent(edit.baseRunId)}` }, `run ${edit.baseRunId}`), ".");
}
