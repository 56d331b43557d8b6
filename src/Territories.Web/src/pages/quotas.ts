// Quotas from a run: the request (calendar, method, growth bounds, ramp, rounding, goal), the rep x quarter x month
// table with totals, a chart per rep, and the table as CSV.
import { post } from "../core/api";
import { downloadText, field, fmt, h, put } from "../core/dom";
import { showFormError } from "../core/notice";
import type { QuotaPlan } from "../core/types";
import { barChart } from "../plan/chart";
import type { Page } from "./page";

export const quotasPage: Page = async (main, runId) => {
  const number = (path: string, value: string) => h("input", { type: "number", step: "any", value, "data-path": path });
  const start = h("input", { type: "date", value: `${new Date().getFullYear() + 1}-01-01`, required: true, "data-path": "year.start" });
  const calendar = h("select", { "data-path": "year.calendar" }, ["months", "4-4-5", "4-5-4", "5-4-4"].map(c => h("option", { value: c }, c)));
  const goal = number("goal", "");
  const potentialWeight = number("method.potentialWeight", "0.6"), historyWeight = number("method.historyWeight", "0.4");
  const minGrowth = number("method.minGrowth", "0"), maxGrowth = number("method.maxGrowth", "0.3"), over = number("method.overAssignment", "0.05");
  const ramp = h("input", { type: "text", value: "0.25, 0.5, 0.75", "data-path": "ramp" });
  const rounding = number("rounding", "100");
  const result = h("section", { "aria-label": "Quota plan" });
  const form = h("form", { class: "quotas", "aria-label": "Quota request" },
    h("div", { class: "form-problem" }),
    h("div", { class: "grid" },
      field("Year starts", start), field("Calendar", calendar), field("Goal", goal, "empty: the scenario's goal"),
      field("Potential weight", potentialWeight), field("History weight", historyWeight), field("Over-assignment", over),
      field("Least growth", minGrowth), field("Most growth", maxGrowth), field("Ramp (per month)", ramp, "shares for a new rep's first months"),
      field("Rounding", rounding)),
    h("button", { type: "submit" }, "Make quotas"));
  const value = (input: HTMLInputElement) => (input.value === "" ? undefined : Number(input.value));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const body = {
      goal: value(goal), year: { start: start.value, calendar: calendar.value }, rounding: value(rounding),
      method: { potentialWeight: value(potentialWeight), historyWeight: value(historyWeight), minGrowth: value(minGrowth), maxGrowth: value(maxGrowth), overAssignment: value(over) },
      ramp: ramp.value.split(",").map(s => s.trim()).filter(Boolean).map(Number),
    };
    try {
      form.querySelector(".form-problem")!.replaceChildren();
      show(result, await post<QuotaPlan>(`/api/v1/runs/${encodeURIComponent(runId)}/quotas`, body), runId);
    } catch (error) {
      showFormError(form, error);
    }
  });
  put(main, h("h1", {}, "Quotas from run ", h("a", { href: `#/runs/${encodeURIComponent(runId)}` }, runId)), form, result);
};

function show(box: HTMLElement, plan: QuotaPlan, runId: string): void {
  const quarters = plan.reps[0]?.quarters.map(q => q.period) ?? [];
  const months = plan.reps[0]?.months.map(m => m.period) ?? [];
  const monthsOf = (quarter: string, rep: QuotaPlan["reps"][number]) => rep.months.filter((_, i) => Math.floor(i / 3) === quarters.indexOf(quarter));
  const columns = quarters.flatMap((q, qi) => [...months.slice(qi * 3, qi * 3 + 3), q]);
  const cells = (rep: QuotaPlan["reps"][number]) => [...quarters.flatMap(q => [...monthsOf(q, rep).map(m => m.amount), rep.quarters.find(x => x.period === q)!.amount]), rep.annual];
  const add = (values: number[]) => values.reduce((sum, v) => sum + Math.round(v * 100), 0) / 100; // in cents: no float drift
  const totals = columns.map((_, i) => add(plan.reps.map(r => cells(r)[i])));
  const annualTotal = add(plan.reps.map(r => r.annual));
  const head = h("tr", {}, h("th", { scope: "col" }, "Rep"), columns.map(c => h("th", { scope: "col", class: c.includes("Q") ? "quarter" : "" }, c)), h("th", { scope: "col" }, "Year"));
  const body = plan.reps.map(r => h("tr", {}, h("th", { scope: "row" }, r.repId), cells(r).map((v, i) => h("td", { class: columns[i]?.includes("Q") ? "quarter" : "" }, fmt.money(v)))));
  const total = h("tr", { class: "total" }, h("th", { scope: "row" }, "Total"), totals.map((v, i) => h("td", { class: columns[i].includes("Q") ? "quarter" : "" }, fmt.money(v))), h("td", {}, fmt.money(annualTotal)));
  const csv = [["rep", ...columns, "year"], ...plan.reps.map(r => [r.repId, ...cells(r).map(String)]), ["total", ...totals.map(String), String(annualTotal)]].map(row => row.join(",")).join("\n");
  put(box,
    h("h2", {}, `Quotas: total ${fmt.money(plan.total)} for a goal of ${fmt.money(plan.goal)}`),
    h("p", { class: annualTotal === plan.total ? "good" : "bad" }, annualTotal === plan.total ? "The reps' quotas add up to the total." : `The reps' quotas add up to ${fmt.money(annualTotal)}, not ${fmt.money(plan.total)}.`),
    h("button", { type: "button", onclick: () => downloadText(`quotas-${runId}.csv`, csv + "\n", "text/csv") }, "Download CSV"),
    h("div", { class: "scroll" }, h("table", { class: "quota-table" }, h("caption", {}, "Quota per rep, month and quarter"), h("thead", {}, head), h("tbody", {}, body, total))),
    plan.diagnostics.length ? h("ul", {}, plan.diagnostics.map(d => h("li", {}, d.message))) : null,
    h("h3", {}, "Per rep, by month"),
    h("div", { class: "charts" }, plan.reps.map(r => h("figure", {}, barChart(`Monthly quota of ${r.repId}`, r.months.map((m, i) => ({ label: String(i + 1), value: m.amount })), "#0072B2"), h("figcaption", {}, `${r.repId}: ${fmt.money(r.annual)}`)))));
}
