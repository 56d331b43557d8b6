// Datasets: the list, uploads (the two CSV files, or contract JSON; unit shapes on a dataset), a dataset's reps and
// counts, its accounts page by page with filters, and the accounts on the map.
import { get, request } from "../core/api";
import { type Child, field, fmt, h, put, table } from "../core/dom";
import { attempt, showFormError } from "../core/notice";
import { may } from "../core/session";
import type { Account, AccountPage, DatasetDetail, DatasetSummary, Problem } from "../core/types";
import { PlanMap } from "../plan/map";
import { repLegend } from "../plan/figures";
import { repColours } from "../plan/palette";
import { Territories } from "../plan/territories";
import type { Page } from "./page";

export const datasetsPage: Page = async main => {
  const list = await get<DatasetSummary[]>("/api/v1/datasets");
  put(main,
    h("h1", {}, "Datasets"),
    table("Datasets", ["Name", "Id", "Reps", "Accounts", "Units", "Updated"], list.map(d => [
      h("a", { href: `#/datasets/${encodeURIComponent(d.id)}` }, d.name), d.id, fmt.int(d.reps), fmt.int(d.accounts), fmt.int(d.units), new Date(d.updatedAt).toLocaleString(),
    ]), { class: "datasets" }),
    may.plan() ? [csvUpload(), jsonUpload()] : null);
};

/** An upload form: its fields, a submit button, and errors shown next to the fields they name. */
function uploadForm(title: string, fields: HTMLElement[], button: string, send: () => Promise<void>): HTMLFormElement {
  const form = h("form", { class: "upload", "aria-label": title }, h("h2", {}, title), h("div", { class: "form-problem" }), fields, h("button", { type: "submit" }, button));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await send();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return form;
}

function csvUpload(): HTMLElement {
  const name = h("input", { type: "text", "data-path": "name" });
  const reps = h("input", { type: "file", accept: ".csv,text/csv", required: true, "data-path": "reps.csv" });
  const accounts = h("input", { type: "file", accept: ".csv,text/csv", required: true, "data-path": "accounts.csv" });
  return uploadForm("Upload the two CSV files", [field("Dataset name", name), field("reps.csv", reps), field("accounts.csv", accounts)], "Upload", async () => {
    const body = new FormData();
    if (name.value) body.append("name", name.value);
    body.append("reps", reps.files![0]);
    body.append("accounts", accounts.files![0]);
    const created = await request<DatasetSummary>("POST", "/api/v1/datasets/csv", { form: body });
    location.hash = `#/datasets/${encodeURIComponent(created.id)}`;
  });
}

function jsonUpload(): HTMLElement {
  const file = h("input", { type: "file", accept: ".json,application/json", required: true, "data-path": "$" });
  return uploadForm("Or upload a territory problem (contract JSON)", [field("Problem JSON", file)], "Upload", async () => {
    const created = await request<DatasetSummary>("POST", "/api/v1/datasets", { raw: await file.files![0].text() });
    location.hash = `#/datasets/${encodeURIComponent(created.id)}`;
  });
}

export const datasetPage: Page = async (main, id) => {
  const d = await get<DatasetDetail>(`/api/v1/datasets/${encodeURIComponent(id)}`);
  const s = d.summary;
  const accounts = h("section", { "aria-label": "Accounts" });
  const mapBox = h("section", { "aria-label": "Accounts on the map" }, h("button", { type: "button", onclick: () => void showMap(mapBox, id, s.units > 0) }, "Show the accounts on the map"));
  put(main,
    h("h1", {}, s.name),
    h("p", {}, `${fmt.int(s.reps)} reps, ${fmt.int(s.accounts)} accounts, ${fmt.int(s.units)} units with shapes · workload ${fmt.int(d.totalWorkload)} h · potential ${fmt.money(d.totalPotential)} · revenue ${fmt.money(d.totalRevenue)}`),
    may.plan() ? h("p", {}, h("a", { class: "button", href: `#/scenarios/new?dataset=${encodeURIComponent(id)}` }, "New scenario from this dataset")) : null,
    h("div", { class: "columns" },
      table("Accounts by segment", ["Segment", "Accounts"], Object.entries(d.accountsBySegment).map(([k, v]) => [k, fmt.int(v)])),
      table("Accounts by tier", ["Tier", "Accounts"], Object.entries(d.accountsByTier).map(([k, v]) => [k, fmt.int(v)]))),
    table("Reps", ["Id", "Name", "Region", "Skills", "Capacity (h)", "Max accounts"], d.reps.map(r => [r.id, r.name ?? "", r.region ?? "", (r.skills ?? []).join(", "), fmt.num(r.capacity), fmt.int(r.maxAccounts)])),
    accounts, mapBox, may.plan() ? shapesUpload(id) : null);
  await accountBrowser(accounts, id, d);
};

/** The dataset's accounts page by page, filtered by rep, segment and tier; with <code>action</code>, a last column of controls per account. */
export async function accountBrowser(box: HTMLElement, id: string, d: DatasetDetail, action?: (account: Account) => Child): Promise<void> {
  const limit = 50;
  let offset = 0;
  const choice = (label: string, values: string[]) => field(label, h("select", {}, h("option", { value: "" }, "all"), values.map(v => h("option", { value: v }, v))));
  const rep = choice("Current rep", d.reps.map(r => r.id));
  const segment = choice("Segment", Object.keys(d.accountsBySegment));
  const tier = choice("Tier", Object.keys(d.accountsByTier));
  const value = (f: HTMLElement) => f.querySelector("select")!.value;
  const results = h("div", {});
  const load = () => attempt(async () => {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (value(rep)) query.set("repId", value(rep));
    if (value(segment)) query.set("segment", value(segment));
    if (value(tier)) query.set("tier", value(tier));
    const page = await get<AccountPage>(`/api/v1/datasets/${encodeURIComponent(id)}/accounts?${query}`);
    put(results,
      table(`Accounts ${page.total ? page.offset + 1 : 0}–${page.offset + page.items.length} of ${fmt.int(page.total)}`,
        ["Id", "Name", "Segment", "Tier", "Skills", "Workload (h)", "Potential", "Revenue", "Current rep", "Locked to", "Unit", ...(action ? ["Change"] : [])],
        page.items.map(a => [a.id, a.name ?? "", a.segment ?? "", a.tier ?? "", (a.requiredSkills ?? []).join(", "), fmt.num(a.workload), fmt.money(a.potential), fmt.money(a.revenue), a.currentRepId ?? "", a.lockedRepId ?? "", a.unitId ?? "", ...(action ? [action(a)] : [])]),
        { class: "accounts" }),
      h("div", { class: "row" },
        h("button", { type: "button", disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - limit); void load(); } }, "Previous page"),
        h("button", { type: "button", disabled: offset + limit >= page.total, onclick: () => { offset += limit; void load(); } }, "Next page")));
  }, results);
  for (const f of [rep, segment, tier]) f.querySelector("select")!.addEventListener("change", () => { offset = 0; void load(); });
  put(box, h("h2", {}, "Accounts"), h("div", { class: "row filters" }, rep, segment, tier), results);
  await load();
}

/** The dataset's accounts with their current reps: unit shapes coloured by the rep holding most of each unit when the dataset has shapes, account points otherwise. */
async function showMap(box: HTMLElement, id: string, hasShapes: boolean): Promise<void> {
  await attempt(async () => {
    const [problem, units] = await Promise.all([
      get<Problem>(`/api/v1/datasets/${encodeURIComponent(id)}/export`),
      hasShapes ? get<GeoJSON.FeatureCollection>(`/api/v1/datasets/${encodeURIComponent(id)}/units`).catch(() => null) : Promise.resolve(null),
    ]);
    const colours = repColours(problem.reps.map(r => r.id));
    const current = new Map(problem.accounts.filter(a => a.currentRepId).map(a => [a.id, a.currentRepId!]));
    const territories = new Territories(problem.accounts, problem.reps, current, colours, units?.features?.length ? units : null);
    const what = territories.units ? "Units coloured by the current rep of most of their accounts" : "Accounts coloured by current rep";
    const mapElement = h("div", { class: "map", role: "region", "aria-label": what });
    put(box, h("h2", {}, what), mapElement,
      repLegend(problem.reps.map(r => r.id), colours, id => territories.repName(id)));
    territories.draw(new PlanMap(mapElement, () => undefined));
  }, box);
}

function shapesUpload(id: string): HTMLElement {
  const file = h("input", { type: "file", accept: ".geojson,.json,application/geo+json", required: true, "data-path": "features" });
  return uploadForm("Unit shapes (GeoJSON)", [field("Shapes GeoJSON (feature ids = unit ids)", file)], "Upload shapes", async () => {
    await request("PUT", `/api/v1/datasets/${encodeURIComponent(id)}/units`, { raw: await file.files![0].text() });
    location.reload();
  });
}
