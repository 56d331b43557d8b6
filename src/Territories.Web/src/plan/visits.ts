// The run's visits (contract section 9, POST /runs/{id}/visits): the plan's territories turned into daily routes for
// one to four weeks under a visit policy. Pick a rep and a day: the day's route over the rep's territory (home,
// the stops in order with their number and start time, the path), its stops with arrival and visit minutes, the
// rep's visits that could not be planned with their reason, and the rep's calendar (.ics) to download.
import { ApiError, get, post, request } from "../core/api";
import { downloadText, field, fmt, h, put, table } from "../core/dom";
import { attempt, showFormError } from "../core/notice";
import type { Account, Problem, Rep, VisitDay, VisitPlan, VisitPolicyInForce } from "../core/types";
import { PlanMap } from "./map";
import type { Territories } from "./territories";

const enc = encodeURIComponent;

/** The contract's example policy (data/examples/visit-policy.json): offered when neither the problem nor its dataset has one. */
const examplePolicy = {
  tiers: {
    A: { visitsPerMonth: 2, minutes: 60 }, B: { visitsPerMonth: 1, minutes: 45 }, C: { visitsPerQuarter: 1, minutes: 30 }, prospect: { visitsPerQuarter: 2, minutes: 45 },
  },
  workday: { start: "08:30", end: "17:30", breakMinutes: 45 }, workingDays: ["mon", "tue", "wed", "thu", "fri"], speedKmh: 60, detourFactor: 1.3,
};

/** The Monday after today, as yyyy-mm-dd. */
function nextMonday(): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7 || 7));
  return day.toISOString().slice(0, 10);
}

const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" });
const dayName = (date: string) => `${weekday.format(new Date(`${date}T00:00:00Z`))} ${date}`;
const minutes = (from: string, to: string) => {
  const at = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return at(to) - at(from);
};

/** Where the policy comes from: the run's problem, else the dataset's policy in force, else the contract's example. */
async function policyOf(problem: Problem, datasetId: string): Promise<{ policy: unknown; source: string }> {
  if (problem.visitPolicy) return { policy: problem.visitPolicy, source: "the run's problem" };
  try {
    const inForce = await get<VisitPolicyInForce>(`/api/v1/datasets/${enc(datasetId)}/visit-policy`);
    return { policy: inForce.policy, source: `the dataset's policy in force (put${inForce.putBy ? ` by ${inForce.putBy}` : ""} on ${new Date(inForce.putAt).toLocaleDateString()})` };
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return { policy: examplePolicy, source: "the contract's example (the dataset has no policy in force): edit it as you need" };
    throw error;
  }
}

export class VisitsPanel {
  readonly element: HTMLElement;
  private readonly accounts: Map<string, Account>;
  private readonly reps: Map<string, Rep>;
  private readonly policy = h("textarea", { rows: 8, spellcheck: "false", "data-path": "policy" });
  private readonly policyHint = h("small", {}, "Looking up the policy…");
  private readonly from = h("input", { type: "text", value: nextMonday(), placeholder: "yyyy-mm-dd", inputmode: "numeric", required: true, "data-path": "from" });
  private readonly weeks = h("select", { "data-path": "weeks" }, [1, 2, 3, 4].map(w => h("option", { value: String(w) }, String(w))));
  private readonly result = h("div", { class: "visits-result" });
  private map: PlanMap | null = null;

  /** The territories are the run's plan as solved (the visits are planned for it, not for a hand edit on the page). */
  constructor(private readonly runId: string, problem: Problem, datasetId: string, private readonly territories: Territories) {
    this.accounts = new Map(problem.accounts.map(a => [a.id, a]));
    this.reps = new Map(problem.reps.map(r => [r.id, r]));
    const form = h("form", { class: "visits-form", "aria-label": "Plan visits" },
      h("div", { class: "form-problem" }),
      h("div", { class: "row" }, field("Start date", this.from, "the first day of the period"), field("Weeks", this.weeks)),
      field("Visit policy (JSON)", this.policy),
      this.policyHint,
      h("div", { class: "row" }, h("button", { type: "submit" }, "Plan visits")));
    form.addEventListener("submit", event => { event.preventDefault(); void this.plan(form); });
    this.element = h("details", { class: "visits" }, h("summary", {}, "Visits"), form, this.result);
    void policyOf(problem, datasetId).then(({ policy, source }) => {
      if (!this.policy.value) this.policy.value = JSON.stringify(policy, null, 2);
      put(this.policyHint, `From ${source}.`);
    }, error => put(this.policyHint, `The policy could not be read (${error instanceof Error ? error.message : String(error)}); paste one.`));
  }

  dispose(): void {
    this.map?.remove();
  }

  private body(): { policy: unknown; from: string; weeks: number } {
    let policy: unknown;
    try {
      policy = JSON.parse(this.policy.value);
    } catch (error) {
      throw new ApiError({ status: 400, title: "The visit policy is not JSON", errors: { policy: [error instanceof Error ? error.message : String(error)] } });
    }
    return { policy, from: this.from.value.trim(), weeks: Number(this.weeks.value) };
  }

  private async plan(form: HTMLFormElement): Promise<void> {
    for (const old of form.querySelectorAll(".field-error")) old.remove();
    for (const old of form.querySelectorAll("[aria-invalid]")) old.removeAttribute("aria-invalid");
    form.querySelector(".form-problem")!.replaceChildren();
    put(this.result, h("p", { class: "muted", role: "status" }, "Planning the visits…"));
    try {
      const body = this.body();
      const plan = await post<VisitPlan>(`/api/v1/runs/${enc(this.runId)}/visits`, body);
      this.show(plan, body);
    } catch (error) {
      this.result.replaceChildren();
      showFormError(form, error);
    }
  }

  private accountName(id: string): string {
    const name = this.accounts.get(id)?.name;
    return name ? `${name} (${id})` : id;
  }

  /** The plan: a rep and a day picker, the day's map and stops, the rep's unplanned visits and calendar. */
  private show(plan: VisitPlan, body: object): void {
    const reps = plan.reps.filter(r => this.reps.has(r.repId));
    const rep = h("select", {}, reps.map(r => h("option", { value: r.repId }, this.territories.repName(r.repId))));
    const day = h("select", {});
    const mapElement = h("div", { class: "map route-map", role: "region", "aria-label": "Map of the day's route (the stop list beside it has the same stops)" });
    const stops = h("div", { class: "route-stops" });
    const unplanned = h("div", { class: "unplanned" });
    const status = h("div", {});
    const calendar = h("button", { type: "button" }, "Download the rep's calendar (.ics)");
    calendar.addEventListener("click", () => void attempt(async () => {
      const ics = await request<string>("POST", `/api/v1/runs/${enc(this.runId)}/visits?format=ics&repId=${enc(rep.value)}`, { body });
      downloadText(`${rep.value}-${plan.from}.ics`, ics, "text/calendar");
    }, status));
    const daysOf = () => reps.find(r => r.repId === rep.value)?.days ?? [];
    const showDay = () => {
      const chosen = daysOf().find(d => d.date === day.value);
      this.drawDay(rep.value, chosen ?? null, stops);
    };
    const showRep = () => {
      const days = daysOf();
      put(day, days.map(d => h("option", { value: d.date }, `${dayName(d.date)} · ${d.stops.length} visit(s)`)));
      day.value = (days.find(d => d.stops.length > 0) ?? days[0])?.date ?? "";
      this.territories.draw(this.map!, rep.value);
      this.showUnplanned(plan, rep.value, unplanned);
      showDay();
    };
    rep.addEventListener("change", showRep);
    day.addEventListener("change", showDay);

    put(this.result,
      h("p", { class: "state", role: "status" }, `${fmt.int(plan.required)} visit(s) due over ${plan.weeks} week(s) from ${plan.from}: ${fmt.int(plan.planned)} planned, ${fmt.int(plan.unplanned.length)} could not be planned (all reps).`),
      h("div", { class: "row" }, field("Rep", rep), field("Day", day), calendar), status,
      h("div", { class: "workspace" }, mapElement, stops),
      unplanned);
    this.map?.remove();
    this.map = new PlanMap(mapElement, () => undefined);
    showRep();
  }

  private drawDay(repId: string, day: VisitDay | null, where: HTMLElement): void {
    const home = this.reps.get(repId)?.home;
    const located = day?.stops.filter(s => this.accounts.get(s.accountId)?.location) ?? [];
    this.map!.showRoute(day && home ? { home, stops: located.map((s, i) => ({ at: this.accounts.get(s.accountId)!.location!, label: `${i + 1} · ${s.start}` })) } : null);
    if (!day) return put(where, h("p", {}, `${this.territories.repName(repId)} has no working day in the period.`));
    put(where,
      h("h3", {}, `${this.territories.repName(repId)} on ${dayName(day.date)}`),
      day.stops.length
        ? h("p", {}, `Leaves home ${day.leave}, back ${day.return}${day.break ? `, break ${day.break.start}–${day.break.end}` : ""}; ${fmt.int(day.travelKm)} km on the road, ${fmt.int(day.workMinutes)} minutes of work.`)
        : h("p", {}, "No visit on this day."),
      table(`Stops of ${this.territories.repName(repId)} on ${day.date}`, ["#", "Account", "Arrival", "Visit", "Visit (min)"], day.stops.map((s, i) => [
        i + 1, h("span", {}, this.accountName(s.accountId), s.tier ? h("span", { class: "ids" }, ` tier ${s.tier}`) : null, s.appointment ? h("span", { class: "ids" }, " · appointment") : null),
        s.arrival, `${s.start}–${s.end}`, minutes(s.start, s.end),
      ]), { class: "stops" }));
  }

  private showUnplanned(plan: VisitPlan, repId: string, where: HTMLElement): void {
    const missing = plan.unplanned.filter(u => u.repId === repId);
    put(where,
      h("h3", {}, `Visits of ${this.territories.repName(repId)} that could not be planned`),
      missing.length
        ? h("div", { class: "scroll-y" }, table(`${missing.length} visit(s) not planned, with the reason`, ["Account", "Due", "Why"],
          missing.map(u => [this.accountName(u.accountId), u.date, u.message]), { class: "unplanned-visits" }))
        : h("p", { class: "none" }, "None: every visit due in the period is planned."));
  }
}
