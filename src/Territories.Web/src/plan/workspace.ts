// A plan to look at and rebalance by hand: the map coloured by rep, the rep table, KPIs, objective terms, diagnostics.
// A planner picks a unit or an account (on the map or by its id), gives it to another rep, and the evaluator
// (POST /plans/analyze) re-checks the edited plan at once; moves can be undone, and the result saved as a new
// scenario whose moved accounts are locked to their new reps.
import { get, post } from "../core/api";
import { field, fmt, h, put } from "../core/dom";
import { attempt, problemView } from "../core/notice";
import { may } from "../core/session";
import type { Analysis, Plan, Problem, RepSummary, Scenario } from "../core/types";
import { diagnosticsList, kpiList, repTable, swatch, termsTable, violationsList } from "./figures";
import { PlanMap, type Pick } from "./map";
import { paletteFor, unassigned } from "./palette";

export interface WorkspaceInput {
  plan: Plan;
  problem: Problem;
  units: GeoJSON.FeatureCollection | null;
  scenario: Scenario;
  /** False where the plan is only shown (compare): no rebalancing controls. */
  editable: boolean;
}

type Move = { accountId: string; from: string }[];

export class PlanWorkspace {
  readonly element: HTMLElement;
  private readonly assignments: Map<string, string>;
  private readonly planned: Map<string, string>;
  private readonly unitAccounts = new Map<string, string[]>();
  private readonly colours: Map<string, string>;
  private readonly repNames: Map<string, string>;
  private readonly unitNames = new Map<string, string>();
  private readonly history: Move[] = [];
  private map!: PlanMap;
  private readonly mapElement: HTMLElement;
  private pick: Pick | null = null;
  private analysis: Analysis | null = null;
  private readonly parts = {
    selection: h("section", { class: "selection", "aria-label": "Selection" }),
    figures: h("section", { "aria-label": "Figures" }),
    tables: h("section", { class: "tables", "aria-label": "Reps, objective terms and diagnostics" }),
    status: h("p", { class: "status", role: "status", "aria-live": "polite" }),
  };

  /** Reads what a plan's page needs besides the plan: the scenario's problem and its dataset's unit shapes, if any. */
  static async load(plan: Plan, scenario: Scenario, editable: boolean): Promise<PlanWorkspace> {
    const [problem, units] = await Promise.all([
      get<Problem>(`/api/v1/scenarios/${encodeURIComponent(scenario.id)}/problem`),
      get<GeoJSON.FeatureCollection>(`/api/v1/datasets/${encodeURIComponent(scenario.datasetId)}/units`).catch(() => null),
    ]);
    return new PlanWorkspace({ plan, problem, units: units?.features?.length ? units : null, scenario, editable });
  }

  constructor(private readonly input: WorkspaceInput) {
    const { plan, problem } = input;
    this.assignments = new Map(plan.assignments.map(a => [a.accountId, a.repId]));
    this.planned = new Map(this.assignments);
    this.colours = paletteFor(problem.reps.map(r => r.id));
    this.repNames = new Map(problem.reps.map(r => [r.id, r.name ? `${r.name} (${r.id})` : r.id]));
    for (const a of problem.accounts) if (a.unitId) this.unitAccounts.set(a.unitId, [...(this.unitAccounts.get(a.unitId) ?? []), a.id]);
    for (const f of input.units?.features ?? []) this.unitNames.set(String(f.id), String(f.properties?.name ?? f.id));

    this.mapElement = h("div", { class: "map", role: "region", "aria-label": "Map of the territories (the rep table beside it has the same figures)" });
    this.element = h("div", {},
      h("div", { class: "workspace" },
        h("div", { class: "map-column" }, this.mapElement, this.legend(), this.finder()),
        h("div", { class: "side" }, this.parts.status, this.parts.selection, this.parts.figures)),
      this.parts.tables);
  }

  /** Draws the map once the element is in the page (Leaflet needs its size). */
  mount(): void {
    this.map = new PlanMap(this.mapElement, p => this.select(p));
    if (this.input.units) this.map.showUnits(this.input.units, id => this.unitColour(id), id => this.unitLabel(id));
    else this.map.showPoints(this.input.problem.accounts, id => this.colours.get(this.assignments.get(id) ?? "") ?? unassigned, id => this.accountLabel(id));
    this.renderFigures();
    this.renderSelection();
  }

  dispose(): void {
    this.map.remove();
  }

  /** Outlines the given accounts (their units when the map has shapes). */
  highlightAccounts(accountIds: string[]): void {
    const unitOf = new Map(this.input.problem.accounts.map(a => [a.id, a.unitId]));
    this.map.highlight(new Set(this.input.units ? accountIds.map(id => unitOf.get(id)).filter((u): u is string => !!u) : accountIds));
  }

  private unitColour(unitId: string): string {
    const rep = this.unitRep(unitId);
    return rep ? this.colours.get(rep) ?? unassigned : unassigned;
  }

  /** The rep holding most of the unit's accounts (all of them under contiguity). */
  private unitRep(unitId: string): string | null {
    const counts = new Map<string, number>();
    for (const id of this.unitAccounts.get(unitId) ?? []) {
      const rep = this.assignments.get(id);
      if (rep) counts.set(rep, (counts.get(rep) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }

  private unitLabel(unitId: string): string {
    const rep = this.unitRep(unitId);
    return `${this.unitNames.get(unitId) ?? unitId} (${unitId}): ${this.unitAccounts.get(unitId)?.length ?? 0} accounts${rep ? `, ${this.repNames.get(rep)}` : ""}`;
  }

  private accountLabel(accountId: string): string {
    const rep = this.assignments.get(accountId);
    return `${accountId}${rep ? `: ${this.repNames.get(rep)}` : ""}`;
  }

  private legend(): HTMLElement {
    return h("ul", { class: "legend", "aria-label": "Rep colours" },
      this.input.problem.reps.map(r => h("li", {}, swatch(this.colours.get(r.id)), ` ${this.repNames.get(r.id)}`)));
  }

  /** Picking by id: the keyboard's way to what a click on the map does. */
  private finder(): HTMLElement {
    const list = h("datalist", { id: "pickable" });
    const ids = this.input.units ? [...this.unitAccounts.keys()] : this.input.problem.accounts.map(a => a.id);
    for (const id of ids) list.appendChild(h("option", { value: id }, this.input.units ? this.unitNames.get(id) ?? id : id));
    const input = h("input", { type: "text", list: "pickable", autocomplete: "off", placeholder: this.input.units ? "e.g. 48201" : "account id" });
    const form = h("form", { class: "finder" },
      field(this.input.units ? "Pick a unit (county id) or an account id" : "Pick an account id", input), list,
      h("button", { type: "submit" }, "Pick"));
    form.addEventListener("submit", event => {
      event.preventDefault();
      const id = input.value.trim();
      if (this.unitAccounts.has(id)) this.select({ kind: "unit", id });
      else if (this.assignments.has(id)) this.select({ kind: "account", id });
      else put(this.parts.status, `No unit or account "${id}" in this plan.`);
    });
    return form;
  }

  private select(pick: Pick): void {
    this.pick = pick;
    this.map.highlight(new Set([pick.id]));
    this.renderSelection();
  }

  private selectedAccounts(): string[] {
    if (!this.pick) return [];
    return this.pick.kind === "unit" ? this.unitAccounts.get(this.pick.id) ?? [] : [this.pick.id];
  }

  private renderSelection(): void {
    const box = this.parts.selection;
    const accounts = this.selectedAccounts();
    const controls: HTMLElement[] = [];
    if (may.plan() && this.input.editable) {
      if (this.pick && accounts.length) {
        const to = h("select", {}, this.input.problem.reps.map(r => h("option", { value: r.id }, this.repNames.get(r.id) ?? r.id)));
        const form = h("form", { class: "move" }, field("Give to rep", to), h("button", { type: "submit" }, "Move"));
        form.addEventListener("submit", event => { event.preventDefault(); void this.move(accounts, to.value); });
        controls.push(form);
      }
      const name = h("input", { type: "text", value: `${this.input.scenario.name} (rebalanced)`, required: true });
      const save = h("form", { class: "save" }, field("New scenario name", name), h("button", { type: "submit", disabled: this.history.length === 0 }, "Save as new scenario"));
      save.addEventListener("submit", event => { event.preventDefault(); void this.save(name.value); });
      controls.push(h("div", { class: "row" }, h("button", { type: "button", disabled: this.history.length === 0, onclick: () => void this.undo() }, "Undo")), save);
    }
    const editing = may.plan() && this.input.editable;
    const what = !this.pick ? "Click a county or an account on the map, or pick one by id, to see it" + (editing ? " and give it to another rep." : ".")
      : this.pick.kind === "unit" ? `Selected: ${this.unitLabel(this.pick.id)}` : `Selected: account ${this.accountLabel(this.pick.id)}`;
    put(box, h("h3", {}, editing ? "Rebalance by hand" : "Selection"), h("p", { class: "selected" }, what), controls);
  }

  private async move(accountIds: string[], to: string): Promise<void> {
    const move = accountIds.filter(id => this.assignments.get(id) !== to).map(id => ({ accountId: id, from: this.assignments.get(id)! }));
    if (move.length === 0) return put(this.parts.status, "Those accounts are already with that rep.");
    for (const m of move) this.assignments.set(m.accountId, to);
    this.history.push(move);
    await this.reanalyse(`Moved ${move.length} account(s) to ${this.repNames.get(to)}`);
  }

  private async undo(): Promise<void> {
    const move = this.history.pop();
    if (!move) return;
    for (const m of move) this.assignments.set(m.accountId, m.from);
    await this.reanalyse(`Undid the move of ${move.length} account(s)`);
  }

  /** Re-evaluates the edited plan, then redraws map and figures; the time both take is shown. */
  private async reanalyse(what: string): Promise<void> {
    const started = performance.now();
    await attempt(async () => {
      this.analysis = this.history.length === 0 ? null : await post<Analysis>("/api/v1/plans/analyze", {
        problem: this.input.problem,
        assignments: [...this.assignments].map(([accountId, repId]) => ({ accountId, repId })),
      });
      this.map.recolour(id => (this.input.units ? this.unitColour(id) : this.colours.get(this.assignments.get(id) ?? "") ?? unassigned));
      this.renderFigures();
      this.renderSelection();
      const ms = performance.now() - started;
      this.parts.status.dataset.ms = ms.toFixed(1);
      put(this.parts.status, `${what}; re-evaluated and redrawn in ${fmt.int(ms)} ms.`);
    }, this.parts.status);
  }

  private async save(name: string): Promise<void> {
    const s = this.input.scenario;
    const moved = [...this.assignments].filter(([id, rep]) => this.planned.get(id) !== rep).map(([accountId, repId]) => ({ accountId, repId }));
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
    const { plan, problem } = this.input;
    const a = this.analysis;
    const reps: RepSummary[] = a?.reps ?? plan.reps;
    const band = { metric: problem.options.balance?.metric ?? "workload", tolerance: problem.options.balance?.tolerance ?? 0.1 };
    const edited = this.history.length > 0;
    try {
      put(this.parts.figures,
        h("h3", {}, edited ? "Edited plan (evaluated)" : "Plan"),
        kpiList(a?.kpis ?? plan.kpis, a ? a.objective : plan.objective, a ? [["Hard rules", a.feasible ? "all hold" : `${a.violations.length} broken`]] : [["Status", plan.status], ["Gap", fmt.pct(plan.gap)]]),
        a ? h("div", {}, h("h4", {}, "Broken rules"), violationsList(a.violations)) : null);
      put(this.parts.tables,
        repTable(reps, this.colours, band, this.repNames),
        termsTable(a?.objectiveTerms ?? plan.objectiveTerms),
        h("h4", {}, "Diagnostics"), diagnosticsList(plan.diagnostics));
    } catch (error) {
      put(this.parts.figures, problemView(error));
    }
  }
}
