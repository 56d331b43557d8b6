// A rep's visit routes (contract section 9, POST /runs/{id}/visits): the plan's territories turned into daily routes
// for a period under a visit policy; pick a day to see its route on the run's map and its stops with their times.
import { request } from "../core/api";
import { field, fmt, h, put, table } from "../core/dom";
import { attempt } from "../core/notice";
import type { Rep } from "../core/types";

interface Stop { accountId: string; arrival: string; start: string; end: string }
interface VisitDay { date: string; stops: Stop[]; travelKm: number; workMinutes: number }
interface VisitPlan { reps: { repId: string; days: VisitDay[] }[]; unplanned: { accountId: string; date?: string; reason: string }[] }

/** The contract's example policy: visits per tier, an 08:30 to 17:30 workday with a 45 minute break, Monday to Friday. */
const policy = {
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

export function routesPanel(runId: string, reps: Rep[], showRoute: (route: GeoJSON.FeatureCollection | null) => void): HTMLElement {
  const rep = h("select", {}, reps.map(r => h("option", { value: r.id }, r.name ? `${r.name} (${r.id})` : r.id)));
  const from = h("input", { type: "date", value: nextMonday(), required: true });
  const weeks = h("input", { type: "number", min: "1", max: "13", value: "1", required: true });
  const result = h("div", {});
  const visits = (query: string) => request<unknown>("POST", `/api/v1/runs/${encodeURIComponent(runId)}/visits${query}`,
    { body: { policy, from: from.value, weeks: Number(weeks.value) } });
  const form = h("form", { class: "row routes-form" }, field("Rep's routes", rep), field("From", from), field("Weeks", weeks), h("button", { type: "submit" }, "Plan the visits"));
  form.addEventListener("submit", event => {
    event.preventDefault();
    put(result, h("p", { class: "muted" }, "Planning the visits…"));
    void attempt(async () => {
      const plan = await visits("") as VisitPlan;
      const days = plan.reps.find(r => r.repId === rep.value)?.days ?? [];
      const unplanned = plan.unplanned.length;
      const stops = h("div", {});
      const show = (day: VisitDay) => attempt(async () => {
        showRoute(await visits(`?format=geojson&repId=${encodeURIComponent(rep.value)}&date=${day.date}`) as GeoJSON.FeatureCollection);
        put(stops, table(`Stops of ${rep.value} on ${day.date}`, ["#", "Account", "Arrival", "Start", "End"], day.stops.map((s, i) => [i + 1, s.accountId, s.arrival, s.start, s.end]), { class: "stops" }));
      }, stops);
      put(result,
        table(`Days of ${rep.value}`, ["Day", "Visits", "Travel (km)", "Work (min)", ""], days.map(d => [d.date, d.stops.length, fmt.int(d.travelKm), fmt.int(d.workMinutes),
          h("button", { type: "button", onclick: () => void show(d) }, `Show ${d.date}`)]), { class: "days" }),
        unplanned ? h("p", { class: "muted" }, `${unplanned} visit(s) of all reps could not be planned in the period.`) : null, stops);
    }, result);
  });
  return h("details", { class: "routes" }, h("summary", {}, "Visit routes"), form, result);
}
