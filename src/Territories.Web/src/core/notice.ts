// Errors shown to the user: problem details as a title, a sentence and one line per field path, never a blank page.
import { ApiError } from "./api";
import { h, put } from "./dom";

/** A readable box for an error; field errors become a list of "path: message". */
export function problemView(error: unknown): HTMLElement {
  if (!(error instanceof ApiError)) return h("div", { class: "problem", role: "alert" }, h("strong", {}, "Something went wrong"), h("p", {}, String(error instanceof Error ? error.message : error)));
  const p = error.problem;
  const fields = Object.entries(p.errors ?? {});
  return h("div", { class: "problem", role: "alert" },
    h("strong", {}, p.title),
    p.detail ? h("p", {}, p.detail) : null,
    fields.length ? h("ul", {}, fields.map(([path, messages]) => h("li", {}, h("code", {}, path), ": ", messages.join("; ")))) : null);
}

/** Shows the error in the page-wide notice area (for actions outside a form). */
export function showError(error: unknown): void {
  const notice = document.getElementById("notice")!;
  put(notice, problemView(error), h("button", { type: "button", class: "link", onclick: () => notice.replaceChildren() }, "Dismiss"));
}

export function clearNotice(): void {
  document.getElementById("notice")?.replaceChildren();
}

/** Runs an action, showing its error in place (or page-wide) instead of failing silently. */
export async function attempt(action: () => Promise<void>, where?: Element): Promise<void> {
  try {
    if (where) where.replaceChildren();
    await action();
  } catch (error) {
    if (where) put(where, problemView(error));
    else showError(error);
  }
}

/**
 * Shows an error inside a form: each field error next to the control whose data-path is the longest prefix of its
 * path (e.g. "accounts.csv[row 7].workload" next to the accounts file), the rest at the top of the form.
 */
export function showFormError(form: HTMLElement, error: unknown): void {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  const summary = form.querySelector<HTMLElement>(".form-problem")!;
  put(summary, problemView(error));
  if (!(error instanceof ApiError)) return;
  const controls = [...form.querySelectorAll<HTMLElement>("[data-path]")];
  for (const [path, messages] of Object.entries(error.problem.errors ?? {})) {
    const owner = controls.filter(c => path.startsWith(c.dataset.path!)).sort((a, b) => b.dataset.path!.length - a.dataset.path!.length)[0];
    if (!owner) continue;
    owner.setAttribute("aria-invalid", "true");
    owner.closest(".field")?.appendChild(h("p", { class: "field-error" }, h("code", {}, path), ": ", messages.join("; ")));
  }
}
