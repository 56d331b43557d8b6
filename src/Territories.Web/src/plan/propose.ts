// "Save as the plan to propose": a hand-edited plan is first recorded as a run of the scenario (POST /runs/{id}/edits,
// where the evaluator re-checks it), then that run is proposed from a day on (POST /runs/{id}/proposals); the page
// shows the proposal's state and the org units whose approval it still needs. An unedited plan is proposed as it is.
import { post } from "../core/api";
import { field, h, put } from "../core/dom";
import { showFormError } from "../core/notice";
import type { Assignment, Proposal, Run } from "../core/types";

const enc = encodeURIComponent;

/** The first day of next month, as yyyy-mm-dd: the usual day a territory change takes effect. */
function nextMonth(): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return first.toISOString().slice(0, 10);
}

export function proposeForm(runId: string, moves: () => Assignment[], result: HTMLElement): HTMLFormElement {
  const effective = h("input", { type: "date", required: true, value: nextMonth(), "data-path": "effective" });
  const note = h("input", { type: "text", placeholder: "why this change", "data-path": "note" });
  const form = h("form", { class: "propose", "aria-label": "Propose this plan" },
    h("h4", {}, "Save as the plan to propose"),
    h("div", { class: "form-problem" }),
    field("Effective from", effective), field("Note for the approvers", note),
    h("button", { type: "submit" }, "Propose this plan"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    form.querySelector(".form-problem")!.replaceChildren();
    try {
      const edited = moves();
      const run = edited.length ? await post<Run>(`/api/v1/runs/${enc(runId)}/edits`, { moves: edited }) : null;
      const proposed = run?.id ?? runId;
      const proposal = await post<Proposal>(`/api/v1/runs/${enc(proposed)}/proposals`, { effective: effective.value, note: note.value || undefined });
      put(result, proposalSummary(proposal, run));
    } catch (error) {
      showFormError(form, error);
    }
  });
  return form;
}

function proposalSummary(p: Proposal, recorded: Run | null): HTMLElement {
  const needs = p.approvalsNeeded.length
    ? `It needs the approval of ${p.approvalsNeeded.length === 1 ? "org unit" : "org units"} ${p.approvalsNeeded.join(", ")}.`
    : "It needs no further approval.";
  return h("span", { class: "proposal" },
    `Proposal ${p.id} is ${p.state}: ${p.changes.length} account(s) change rep from ${p.effective}. ${needs} `,
    recorded ? h("span", {}, "The edited plan is ", h("a", { href: `#/runs/${enc(recorded.id)}` }, `run ${recorded.id}`), ".") : null);
}
