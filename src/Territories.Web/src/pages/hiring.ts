// Hiring: the request built from a dataset's book (growth, horizon, costs), solved; headcount, capacity and demand
// per quarter as a chart, the hires, the shortfalls with their reasons and the what-ifs.
import { get, post } from "../core/api";
import { field, fmt, h, put, table } from "../core/dom";
import { showFormError } from "../core/notice";
import type { DatasetSummary, HiringPlan } from "../core/types";
import { groupedBars } from "../plan/chart";
import type { Page } from "./page";

interface WhatIf { name: string; status: string; cost: number; hires: number; shortfallHours: number; minimumCoverage: number }

export const hiringPage: Page = async main => {
  const datasets = await get<DatasetSummary[]>("/api/v1/datasets");
  const number = (path: string, value: string) => h("input", { type: "number", step: "any", value, "data-path": path });
  const dataset = h("select", { "data-path": "dataset" }, datasets.map(d => h("option", { value: d.id }, `${d.name} (${d.id})`)));
  const start = h("input", { type: "text", value: `${new Date().getFullYear() + 1}-Q1`, pattern: "\\d{4}-Q[1-4]", "data-path": "start" });
  const quarters = number("quarters", "8"), growth = number("growth", "0.1");
  const hireCost = number("hireCost", "20000"), repCost = number("repCostPerYear", "140000"), utilisation = number("targetUtilization", "0.85");
  const attrition = number("attritionPerYear", "0.12"), leadTime = number("leadTimeQuarters", "1"), maxHires = number("maxHiresPerQuarter", "6");
  const result = h("section", { "aria-label": "Hiring plan" });
  const form = h("form", { class: "hiring", "aria-label": "Hiring request" },
    h("div", { class: "form-problem" }),
    h("div", { class: "grid" },
      field("Book (dataset)", dataset), field("First quarter", start, "e.g. 2027-Q1"), field("Quarters", quarters), field("Growth per year", growth, "0.1 = +10 % a year"),
      field("Cost per hire", hireCost), field("Cost per rep and year", repCost), field("Target utilisation", utilisation),
      field("Attrition per year", attrition), field("Lead time (quarters)", leadTime), field("Most hires per quarter", maxHires)),
    h("button", { type: "submit" }, "Plan hiring"));
  const value = (input: HTMLInputElement) => (input.value === "" ? undefined : Number(input.value));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      form.querySelector(".form-problem")!.replaceChildren();
      put(result, h("p", { class: "muted" }, "Planning…"));
      const query = new URLSearchParams({ start: start.value, quarters: quarters.value, growth: growth.value || "0" });
      const request = await get<Record<string, unknown>>(`/api/v1/datasets/${encodeURIComponent(dataset.value)}/hiring-request?${query}`);
      const plan = await post<HiringPlan>("/api/v1/hiring/plan", {
        ...request, hireCost: value(hireCost), repCostPerYear: value(repCost), targetUtilization: value(utilisation),
        attritionPerYear: value(attrition), leadTimeQuarters: value(leadTime), maxHiresPerQuarter: value(maxHires), timeLimitSeconds: 10,
      });
      show(result, plan);
    } catch (error) {
      result.replaceChildren();
      showFormError(form, error);
    }
  });
  put(main, h("h1", {}, "Hiring"), form, result);
};

function show(box: HTMLElement, plan: HiringPlan): void {
  const q = plan.quarters;
  const whatIfs = (plan.whatIfs ?? []) as WhatIf[];
  put(box,
    h("h2", {}, `Hiring plan (${plan.status}): ${fmt.int(plan.hires.reduce((n, x) => n + x.count, 0))} hire(s), added cost ${fmt.money(plan.cost)}`),
    groupedBars("Capacity and demand hours per quarter", q.map(x => x.quarter), [
      { name: "capacity (h)", colour: "#0072B2", values: q.map(x => x.capacityHours) },
      { name: "demand (h)", colour: "#E69F00", values: q.map(x => x.demandHours) },
    ]),
    table("Per quarter", ["Quarter", "Headcount", "Capacity (h)", "Demand (h)", "Coverage"], q.map(x => [x.quarter, fmt.int(x.headcount), fmt.int(x.capacityHours), fmt.int(x.demandHours), fmt.pct(x.coverage)])),
    table("Hires", ["Starts in", "Region", "Skills", "Count"], plan.hires.map(x => [x.quarter, x.region, x.skills.join(", "), fmt.int(x.count)])),
    plan.shortfalls.length
      ? table("Shortfalls", ["Quarter", "Region", "Skill", "Hours", "Why"], plan.shortfalls.map(s => [s.quarter, s.region, s.skill, fmt.int(s.hours), s.reason]))
      : h("p", { class: "good" }, "No shortfall: every quarter's demand is covered."),
    whatIfs.length ? table("What if", ["Case", "Status", "Cost", "Hires", "Uncovered hours", "Lowest coverage"],
      whatIfs.map(w => [w.name, w.status, fmt.money(w.cost), fmt.int(w.hires), fmt.int(w.shortfallHours), fmt.pct(w.minimumCoverage)])) : null);
}
