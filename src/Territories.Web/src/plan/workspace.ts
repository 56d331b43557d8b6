// A plan to look at and rebalance by hand: the map coloured by rep, the rep table, KPIs, objective terms, diagnostics.
// A planner picks a unit or an account (on the map or by its id) and gives it to another rep; the evaluator re-checks
// the edited plan against the run's problem, which the service already holds (POST /runs/{id}/analyze with the moves
// only), and only the shapes the move touched are recoloured. Moves can be undone; the result saved as a new scenario
// whose moved accounts are locked, or proposed as the plan to adopt.
import { get, post } from "../core/api";
import { field, fmt, h, put } from "../core/dom";
import { attempt, problemView } from "../core/notice";
import { may } from "../core/session";
import type { Analysis, Assignment, Plan, Problem, RepSummary, Run, Scenario } from "../core/types";
import { diagnosticsList, kpiList, repLegend, repTable, termsTable, violationsList } from "./figures";
import { PlanMap, type Pick } from "./map";
import { runColours } from "./palette";
import { proposeForm } from "./propose";
import { Territories } from "./territories";

export interface WorkspaceInput {
  run: Run & { plan: Plan };
  problem: Problem;
  units: GeoJSON.FeatureCollection | null;
  scenario: Scenario;
  colours: Map<string, string>;
  /** False where the plan is only shown (compare): no rebalancing controls. */
  editable: boolean;
}

type Move = { accountId: string; from: string }[];

const enc = encodeURIComponent;
/** Each workspace's pick list has its own id (compare shows several workspaces). */
let pickLists = 0;

export class PlanWorkspace {
  readonly element: HTMLElement;
  private readonly territories: Territories;
  private readonly planned: Map<string, string>;
  private readonly history: Move[] = [];
  private map!: PlanMap;
  private readonly mapElement: HTMLElement;
  private pick: Pick | null = null;
  private analysis: Analysis | null = null;
  private readonly undoButton = h("button", { type: "button", disabled: true, onclick: () => void this.undo() }, "Undo");
  private readonly saveButton = h("button", { type: "submit", disabled: true }, "Save as new scenario");
  private readonly parts = {
    selection: h("div", { class: "selected-box" }),
    figures: h("section", { "aria-label": "Figures" }),
    tables: h("section", { class: "tables", "aria-label": "Reps, objective terms and diagnostics" }),
    status: h("p", { class: "status", role: "status", "aria-live": "polite" }),
  };

  /**
   * Reads what a run's page needs besides the run: the problem it solved (pass it when already on its way) and the
   * dataset's unit shapes, if any, at once; the rep colours come from the problem and the scenario's changes.
   */
  static async load(run: Run & { plan: Plan }, scenario: Scenario, editable: boolean, problem?: Promise<Problem>): Promise<PlanWorkspace> {
    const [solved, units] = await Promise.all([
      problem ?? get<Problem>(`/api/v1/runs/${enc(run.id)}/problem`),
      get<GeoJSON.FeatureCollection>(`/api/v1/datasets/${enc(scenario.datasetId)}/units`).catch(() => null),
    ]);
    const colours = runColours([{ problem: solved, changes: scenario.changes }]);
    return new PlanWorkspace({ run, problem: solved, units: units?.features?.length ? units : null, scenario, colours, editable });
  }

  constructor(readonly input: WorkspaceInput) {
    const { run, problem } = input;
    this.territories = new Territories(problem.accounts, problem.reps, new Map(run.plan.assignments.map(a => [a.accountId, a.repId])), input.colours, input.units);
    this.planned = new Map(this.territories.assignment);

    this.mapElement = h("div", { class: "map", role: "region", "aria-label": "Map of the territories (the rep table beside it has the same figures)" });
    this.element = h("div", {},
      h("div", { class: "workspace" },
        h("div", { class: "map-column" }, this.mapElement, repLegend(this.input.problem.reps.map(r => r.id), this.input.colours, id => this.territories.repName(id)), this.finder()),
        h("div", { class: "side" }, this.parts.status, this.controls(), this.parts.figures)),
      this.parts.tables);
  }

  private get editing(): boolean {
    return may.plan() && this.input.editable;
  }

  /** Draws the map once the element is in the page (Leaflet needs its size). */
  mount(): void {
    this.map = new PlanMap(this.mapElement, p => this.select(p));
    this.territories.draw(this.map);
    this.renderFigures();
    this.renderSelection();
  }

  dispose(): void {
    this.map.remove();
  }

  /** Outlines the given accounts (their units when the map has shapes). */
  highlightAccounts(accountIds: string[]): void {
    this.map.highlight(new Set(this.territories.shapesOf(accountIds)));
  }

  /** Picking by id: the keyboard's way to what a click on the map does. */
  private finder(): HTMLElement {
    const units = !!this.input.units;
    const list = h("datalist", { id: `pickable-${++pickLists}` });
    const ids = units ? [...this.territories.unitAccounts.keys()] : this.input.problem.accounts.map(a => a.id);
    for (const id of ids) list.appendChild(h("option", { value: id }, units ? this.territories.unitName(id) : id));
    const input = h("input", { type: "text", list: list.id, autocomplete: "off", placeholder: units ? "e.g. 48201" : "account id" });
    const form = h("form", { class: "finder" },
      field(units ? "Pick a unit (county id) or an account id" : "Pick an account id", input), list,
      h("button", { type: "submit" }, "Pick"));
    form.addEventListener("submit", event => {
      event.preventDefault();
      const id = input.value.trim();
      if (this.territories.unitAccounts.has(id)) this.select({ kind: "unit", id });
      else if (this.territories.assignment.has(id)) this.select({ kind: "account", id });
      else put(this.parts.status, `No unit or account "${id}" in this plan.`);
    });
    return form;
  }

  /** The selection, and for planners the rebalancing controls: undo, save as a scenario, propose. */
  private controls(): HTMLElement {
    const box = h("section", { class: "selection", "aria-label": "Selection" }, h("h3", {}, this.editing ? "Rebalance by hand" : "Selection"), this.parts.selection);
    if (!this.editing) return box;
    const name = h("input", { type: "text", value: `${this.input.scenario.name} (rebalanced)`, required: true });
    const save = h("form", { class: "save" }, field("New scenario name", name), this.saveButton);
    save.addEventListener("submit", event => { event.preventDefault(); void this.save(name.value); });
    box.append(h("div", { class: "row" }, this.undoButton), save, proposeForm(this.input.run.id, () => this.moves(), this.parts.status));
    return box;
  }

  private select(pick: Pick): void {
    this.pick = pick;
    this.map.highlight(new Set([pick.id]));
    this.renderSelection();
  }

  private selectedAccounts(): string[] {
    if (!this.pick) return [];
    return this.pick.kind === "unit" ? this.territories.unitAccounts.get(this.pick.id) ?? [] : [this.pick.id];
  }

  private renderSelection(): void {
    const accounts = this.selectedAccounts();
    const what = !this.pick ? "Click a county or an account on the map, or pick one by id, to see it" + (this.editing ? " and give it to another rep." : ".")
      : this.pick.kind === "unit" ? `Selected: ${this.territories.unitLabel(this.pick.id)}` : `Selected: account ${this.territories.accountLabel(this.pick.id)}`;
    let move: HTMLElement | null = null;
    if (this.editing && this.pick && accounts.length) {
      const to = h("select", {}, this.input.problem.reps.map(r => h("option", { value: r.id }, this.territories.repName(r.id))));
      move = h("form", { class: "move" }, field("Give to rep", to), h("button", { type: "submit" }, "Move"));
      move.addEventListener("submit", event => { event.preventDefault(); void this.move(accounts, to.value); });
    }
    put(this.parts.selection, h("p", { class: "selected" }, what), move);
    this.undoButton.disabled = this.saveButton.disabled = this.history.length === 0;
  }

  /** The accounts whose rep differs from the run's plan, with their new rep. */
  private moves(): Assignment[] {
    return [...this.territories.assignment].filter(([id, rep]) => this.planned.get(id) !== rep).map(([accountId, repId]) => ({ accountId, repId }));
  }

  private async move(accountIds: string[], to: string): Promise<void> {
    const assignment = this.territories.assignment;
    const move = accountIds.filter(id => assignment.get(id) !== to).map(id => ({ accountId: id, from: assignment.get(id)! }));
    if (move.length === 0) return put(this.parts.status, "Those accounts are already with that rep.");
    for (const m of move) assignment.set(m.accountId, to);
    this.history.push(move);
    await this.reanalyse(move, `Moved ${move.length} account(s) to ${this.territories.repName(to)}`);
  }

  private async undo(): Promise<void> {
    const move = this.history.pop();
    if (!move) return;
    for (const m of move) this.territories.assignment.set(m.accountId, m.from);
    await this.reanalyse(move, `Undid the move of ${move.length} account(s)`);
  }

  /** Re-evaluates the edited plan, then recolours the shapes the move touched and redraws the figures; the time both take is shown. */
  private async reanalyse(move: Move, what: string): Promise<void> {
    const started = performance.now();
    await attempt(async () => {
      const moves = this.moves();
      this.analysis = moves.length === 0 ? null : await post<Analysis>(`/api/v1/runs/${enc(this.input.run.id)}/analyze`, { moves });
      this.map.recolour(id => this.territories.shapeColour(id), this.territories.shapesOf(move.map(m => m.accountId)));
      this.renderFigures();
      this.renderSelection();
      const ms = performance.now() - started;
      this.parts.status.dataset.ms = ms.toFixed(1);
      put(this.parts.status, `${what}; re-evaluated and redrawn in ${fmt.int(ms)} ms.`);
    }, this.parts.status);
  }

  private async save(name: string): Promise<void> {
    const s = this.input.scenario;
    const moved = this.moves();
    const kept = (s.changes?.accountsLocked ?? []).filter(l => !moved.some(m => m.accountId === l.accountId));
    await attempt(async () => {
      const created = await post<Scenario>("/api/v1/scenarios", {
        name, datasetId: s.datasetId, options: s.options ?? undefined, goal: s.goal ?? undefined,
        changes: { ...(s.changes ?? {}), accountsLocked: [...kept, ...moved] },
      });
      put(this.parts.status, "Saved as ", h("a", { href: `#/scenarios/${created.id}` }, created.name), ` with ${moved.length} account(s) locked to their new reps.`);
    }, this.parts.status);
  }

  private renderFigures(): void {
    const { run: { plan }, problem } = this.input;
    const a = this.analysis;
    const reps: RepSummary[] = a?.reps ?? plan.reps;
    const band = { metric: problem.options.balance?.metric ?? "workload", tolerance: problem.options.balance?.tolerance ?? 0.1 };
    const edited = a !== null;
    try {
      put(this.parts.figures,
        h("h3", {}, edited ? "Edited plan (evaluated)" : "Plan"),
        kpiList(a?.kpis ?? plan.kpis, a ? a.objective : plan.objective, a ? [["Hard rules", a.feasible ? "all hold" : `${a.violations.length} broken`]] : [["Status", plan.status], ["Gap", fmt.pct(plan.gap)]]),
        a ? h("div", {}, h("h4", {}, "Broken rules"), violationsList(a.violations)) : null);
      put(this.parts.tables,
        repTable(reps, this.input.colours, band, id => this.territories.repName(id)),
        termsTable(a?.objectiveTerms ?? plan.objectiveTerms),
        h("h4", {}, "Diagnostics"), diagnosticsList(plan.diagnostics));
    } catch (error) {
      put(this.parts.figures, problemView(error));
    }
  }
}
