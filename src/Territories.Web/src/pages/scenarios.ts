// Scenarios: the list; one scenario's form (name, dataset, goal, options, changes as controls, accounts to lock or
// unlock picked from the dataset's accounts table), save with If-Match, clone, start a run, its runs.
import { get, post, request } from "../core/api";
import { field, fmt, h, put, table } from "../core/dom";
import { attempt, showFormError } from "../core/notice";
import { may } from "../core/session";
import type { DatasetDetail, DatasetSummary, Options, Problem, Run, Scenario } from "../core/types";
import { changesEditor } from "./changes";
import { accountBrowser } from "./datasets";
import type { Page } from "./page";

export const scenariosPage: Page = async main => {
  const list = await get<Scenario[]>("/api/v1/scenarios");
  put(main,
    h("h1", {}, "Scenarios"),
    may.plan() ? h("p", {}, h("a", { class: "button", href: "#/scenarios/new" }, "New scenario")) : null,
    table("Scenarios", ["Name", "Dataset", "Goal", "Updated"], list.map(s => [
      h("a", { href: `#/scenarios/${encodeURIComponent(s.id)}` }, s.name), s.datasetId, fmt.money(s.goal), new Date(s.updatedAt).toLocaleString(),
    ]), { class: "scenarios" }));
};

/** The form's options: every field the form shows, over the options it started from (so unshown ones survive). */
function optionFields(base: Options) {
  const number = (path: string, value: number | null | undefined, step = "any") =>
    h("input", { type: "number", step, value: value ?? "", "data-path": path });
  const metric = h("select", { "data-path": "options.balance.metric" }, ["workload", "potential", "revenue", "accounts"].map(m => h("option", { value: m, selected: (base.balance?.metric ?? "workload") === m }, m)));
  const controls = {
    timeLimit: number("options.timeLimitSeconds", base.timeLimitSeconds ?? 10),
    balanceWeight: number("options.weights.balance", base.weights?.balance ?? 1),
    travelWeight: number("options.weights.travel", base.weights?.travel ?? 1),
    disruptionWeight: number("options.weights.disruption", base.weights?.disruption ?? 1),
    costWeight: number("options.weights.cost", base.weights?.cost ?? 0),
    tolerance: number("options.balance.tolerance", base.balance?.tolerance ?? 0.1),
    maxMoved: number("options.maxMovedShare", base.maxMovedShare),
    seed: number("options.seed", base.seed ?? 0, "1"),
    contiguity: h("input", { type: "checkbox", checked: !!base.contiguity, "data-path": "options.contiguity" }),
    metric,
  };
  const element = h("fieldset", {}, h("legend", {}, "Options"),
    h("div", { class: "grid" },
      field("Time limit (s)", controls.timeLimit), field("Balance weight", controls.balanceWeight), field("Travel weight", controls.travelWeight),
      field("Disruption weight", controls.disruptionWeight), field("Cost weight", controls.costWeight), field("Balance metric", metric),
      field("Balance tolerance", controls.tolerance, "0.1 = ±10 % of fair share"), field("Move cap (share of accounts)", controls.maxMoved, "empty: no cap"),
      field("Seed", controls.seed), field("Contiguous territories", controls.contiguity)));
  const numberOf = (input: HTMLInputElement) => (input.value === "" ? null : Number(input.value));
  const read = (): Options => ({
    ...base,
    timeLimitSeconds: numberOf(controls.timeLimit) ?? undefined,
    weights: { ...base.weights, balance: numberOf(controls.balanceWeight) ?? 0, travel: numberOf(controls.travelWeight) ?? 0, disruption: numberOf(controls.disruptionWeight) ?? 0, cost: numberOf(controls.costWeight) ?? 0 },
    balance: { ...base.balance, metric: metric.value, tolerance: numberOf(controls.tolerance) ?? undefined },
    maxMovedShare: numberOf(controls.maxMoved),
    seed: numberOf(controls.seed) ?? undefined,
    contiguity: controls.contiguity.checked,
  });
  return { element, read };
}

export const scenarioPage: Page = async (main, id, query) => {
  const isNew = id === "new";
  const datasets = await get<DatasetSummary[]>("/api/v1/datasets");
  const scenario: Scenario | null = isNew ? null : await get<Scenario>(`/api/v1/scenarios/${encodeURIComponent(id)}`);
  const datasetId = scenario?.datasetId ?? new URLSearchParams(query ?? "").get("dataset") ?? datasets[0]?.id ?? "";
  const editable = isNew ? may.plan() : may.change(scenario!.ownerId);
  const [book, detail] = datasetId
    ? await Promise.all([get<Problem>(`/api/v1/datasets/${encodeURIComponent(datasetId)}/export`), editable ? get<DatasetDetail>(`/api/v1/datasets/${encodeURIComponent(datasetId)}`) : null])
    : [{ reps: [], accounts: [], options: {} } as Problem, null];

  const name = h("input", { type: "text", required: true, value: scenario?.name ?? "", "data-path": "name" });
  const dataset = h("select", { disabled: !isNew, "data-path": "datasetId" }, datasets.map(d => h("option", { value: d.id, selected: d.id === datasetId }, `${d.name} (${d.id})`)));
  dataset.addEventListener("change", () => { location.hash = `#/scenarios/new?dataset=${encodeURIComponent(dataset.value)}`; });
  const goal = h("input", { type: "number", step: "any", value: scenario?.goal ?? "", "data-path": "goal" });
  const options = optionFields(scenario?.options ?? book.options);
  const changes = changesEditor(scenario?.changes ?? {}, book, editable);
  const form = h("form", { id: "scenario-form", class: "scenario", "aria-label": "Scenario" },
    h("div", { class: "form-problem" }),
    h("div", { class: "grid" }, field("Name", name), field("Dataset", dataset), field("Goal (revenue)", goal, "for quotas; empty: none")),
    options.element);
  if (!editable) for (const control of form.querySelectorAll<HTMLInputElement>("input, select")) control.disabled = true;
  const edit = h("div", { class: "scenario-edit" }, form, changes.element,
    editable ? h("div", { class: "row" }, h("button", { type: "submit", form: "scenario-form" }, isNew ? "Create scenario" : "Save")) : null);

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const body = { name: name.value, datasetId: dataset.value, goal: goal.value === "" ? undefined : Number(goal.value), options: options.read(), changes: changes.read() };
    try {
      const saved = isNew
        ? await post<Scenario>("/api/v1/scenarios", body)
        : await request<Scenario>("PUT", `/api/v1/scenarios/${encodeURIComponent(id)}`, { body, headers: { "If-Match": `"${scenario!.version}"` } });
      if (isNew) location.hash = `#/scenarios/${encodeURIComponent(saved.id)}`;
      else {
        await scenarioPage(main, id);
        main.querySelector("h1")?.after(h("p", { class: "saved", role: "status" }, `Saved: version ${saved.version}.`));
      }
    } catch (error) {
      showFormError(edit, error);
    }
  });

  const picker = detail ? h("section", { "aria-label": "Accounts to lock or unlock" }) : null;
  put(main, h("h1", {}, isNew ? "New scenario" : `Scenario: ${scenario!.name}`), edit, picker);
  if (picker && detail) await accountBrowser(picker, datasetId, detail, a => h("span", { class: "row" },
    h("button", { type: "button", class: "link", "aria-label": `Lock ${a.id}`, onclick: () => changes.pickToLock(a.id) }, "Lock…"),
    a.lockedRepId ? h("button", { type: "button", class: "link", "aria-label": `Unlock ${a.id}`, onclick: () => changes.unlock(a.id) }, "Unlock") : null));
  if (scenario) main.append(...[await actions(scenario), await runsOf(scenario)].filter((e): e is HTMLElement => e !== null));
};

async function actions(s: Scenario): Promise<HTMLElement | null> {
  if (!may.plan()) return null;
  const where = h("div", {});
  const cloneName = h("input", { type: "text", value: `${s.name} (copy)` });
  const start = h("button", { type: "button", onclick: () => attempt(async () => {
    const run = await post<Run>(`/api/v1/scenarios/${encodeURIComponent(s.id)}/runs`);
    location.hash = `#/runs/${encodeURIComponent(run.id)}`;
  }, where) }, "Start a run");
  const clone = h("form", { class: "row" }, field("Clone as", cloneName), h("button", { type: "submit" }, "Clone"));
  clone.addEventListener("submit", event => {
    event.preventDefault();
    void attempt(async () => {
      const copy = await post<Scenario>(`/api/v1/scenarios/${encodeURIComponent(s.id)}/clone?name=${encodeURIComponent(cloneName.value)}`);
      location.hash = `#/scenarios/${encodeURIComponent(copy.id)}`;
    }, where);
  });
  return h("section", { class: "actions", "aria-label": "Scenario actions" }, h("div", { class: "row" }, start), clone, where);
}

async function runsOf(s: Scenario): Promise<HTMLElement> {
  const runs = await get<Run[]>(`/api/v1/scenarios/${encodeURIComponent(s.id)}/runs`);
  return h("section", {}, h("h2", {}, "Runs"), runs.length === 0 ? h("p", { class: "muted" }, "No run yet.") :
    table("Runs of this scenario", ["Run", "State", "Started", "Objective", "Gap"], runs.map(r => [
      h("a", { href: `#/runs/${encodeURIComponent(r.id)}` }, r.id), r.state, new Date(r.createdAt).toLocaleString(), fmt.num(r.progress.bestObjective), fmt.pct(r.progress.gap),
    ])));
}
