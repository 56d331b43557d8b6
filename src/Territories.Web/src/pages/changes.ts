// A scenario's changes as controls: reps who leave, reps added (id, name, home, capacity, skills, org unit), capacity
// changes, accounts locked to a rep and locks lifted. Each change is listed with a button that takes it back; the
// JSON the service receives is shown read-only beside them.
import { field, fmt, h, put } from "../core/dom";
import type { Changes, Problem, Rep } from "../core/types";

export interface ChangesEditor {
  element: HTMLElement;
  read(): Changes;
  /** Starts a lock of the account (picked in the accounts table): fills the lock form and focuses its rep. */
  pickToLock(accountId: string): void;
  unlock(accountId: string): void;
}

type Resize = NonNullable<Changes["repsResized"]>[number];
type Lock = NonNullable<Changes["accountsLocked"]>[number];
interface Adder<T> { controls: HTMLElement[]; label: string; make: () => T | null }

/** One kind of change: its list, each item with a button that takes it back, and the controls that add one. */
function group<T>(title: string, path: string, items: T[], describe: (item: T) => string, changed: () => void,
  add: Adder<T> | null): { element: HTMLElement; render: () => void } {
  const list = h("ul", { class: "changes-list", "data-path": path, "aria-label": title });
  const render = () => put(list, items.length === 0 ? h("li", { class: "muted" }, "none") : items.map((item, i) => h("li", {}, describe(item),
    add ? h("button", { type: "button", class: "link", "aria-label": `Take back: ${describe(item)}`, onclick: () => { items.splice(i, 1); changed(); } }, "Take back") : null)));
  const box = h("fieldset", { class: "change-group" }, h("legend", {}, title), h("div", { class: "field" }, list));
  if (add) {
    const button = h("button", { type: "button", onclick: () => { const item = add.make(); if (item !== null) { items.push(item); changed(); } } }, add.label);
    const controls = h("div", { class: "row" }, add.controls, button);
    controls.addEventListener("keydown", event => { if (event.key === "Enter" && event.target instanceof HTMLInputElement) { event.preventDefault(); button.click(); } });
    box.appendChild(controls);
  }
  render();
  return { element: box, render };
}

export function changesEditor(initial: Changes, book: Problem, editable: boolean): ChangesEditor {
  const c = {
    repsRemoved: [...(initial.repsRemoved ?? [])], repsAdded: [...(initial.repsAdded ?? [])], repsResized: [...(initial.repsResized ?? [])],
    accountsLocked: [...(initial.accountsLocked ?? [])], accountsUnlocked: [...(initial.accountsUnlocked ?? [])],
  };
  const repName = new Map(book.reps.map(r => [r.id, r.name ? `${r.name} (${r.id})` : r.id]));
  const name = (id: string) => {
    const added = c.repsAdded.find(r => r.id === id);
    return repName.get(id) ?? (added?.name ? `${added.name} (${id})` : id);
  };
  const repIds = () => [...book.reps.map(r => r.id).filter(id => !c.repsRemoved.includes(id)), ...c.repsAdded.map(r => r.id)];
  const repChoice = (label: string, ids: () => string[]) => {
    const select = h("select", {});
    const fill = () => {
      const chosen = select.value;
      put(select, ids().map(id => h("option", { value: id, selected: id === chosen }, name(id))));
    };
    fill();
    return { select, fill, field: field(label, select) };
  };
  const text = (label: string, attrs: Record<string, string> = {}) => {
    const input = h("input", { type: "text", ...attrs });
    return { input, field: field(label, input) };
  };
  const number = (label: string, step = "any") => text(label, { type: "number", step, min: "0" });
  const accounts = h("datalist", { id: "scenario-accounts" }, book.accounts.map(a => h("option", { value: a.id }, `${a.name ?? a.id} · ${a.currentRepId ?? "no rep"}${a.lockedRepId ? ` · locked to ${a.lockedRepId}` : ""}`)));
  const lockedInBook = new Map(book.accounts.filter(a => a.lockedRepId).map(a => [a.id, a.lockedRepId!]));
  const knownAccount = new Set(book.accounts.map(a => a.id));
  const json = h("pre", { class: "changes-json" });
  const groups: { element: HTMLElement; render: () => void }[] = [];
  const pickers: { fill: () => void }[] = [];
  const changed = () => {
    for (const g of groups) g.render();
    for (const p of pickers) p.fill();
    json.textContent = JSON.stringify(read(), null, 2);
  };
  const read = (): Changes => Object.fromEntries(Object.entries(c).filter(([, v]) => v.length > 0)) as Changes;
  /** Reads a required text input; marks it invalid and answers null when it is empty or fails the check. */
  const need = (input: HTMLInputElement, ok: (value: string) => boolean = v => v !== "") => {
    const value = input.value.trim();
    const valid = ok(value);
    input.toggleAttribute("aria-invalid", !valid);
    if (!valid) input.focus();
    return valid ? value : null;
  };

  const removeRep = repChoice("Rep who leaves", () => book.reps.map(r => r.id).filter(id => !c.repsRemoved.includes(id)));
  const added = { id: text("New rep id"), name: text("New rep name"), lat: number("Home latitude"), lon: number("Home longitude"), capacity: number("Capacity (h a year)"),
    skills: text("Skills (comma-separated)"), unit: h("select", {}, h("option", { value: "" }, "none"), (book.orgUnits as { id: string; name?: string }[] | undefined ?? []).map(u => h("option", { value: u.id }, u.name ? `${u.name} (${u.id})` : u.id))) };
  const resizeRep = repChoice("Rep to resize", repIds);
  const resize = { capacity: number("New capacity (h)"), maxAccounts: number("New most accounts", "1") };
  const lockAccount = text("Account to lock", { list: "scenario-accounts", autocomplete: "off" });
  const lockRep = repChoice("Lock to rep", repIds);
  const unlockAccount = text("Account to unlock", { list: "scenario-accounts", autocomplete: "off" });
  pickers.push(removeRep, resizeRep, lockRep);
  const may = <T>(controls: HTMLElement[], label: string, make: () => T | null): Adder<T> | null => (editable ? { controls, label, make } : null);
  const optional = (input: HTMLInputElement) => (input.value === "" ? undefined : Number(input.value));

  groups.push(
    group("Reps who leave", "changes.repsRemoved", c.repsRemoved, id => `${name(id)} leaves`, changed,
      may([removeRep.field], "Remove rep", (): string | null => removeRep.select.value || null)),
    group("New reps", "changes.repsAdded", c.repsAdded, (r: Rep) => `${r.name ? `${r.name} (${r.id})` : r.id}: ${fmt.num(r.capacity)} h${r.skills?.length ? `, skills ${r.skills.join(", ")}` : ""}${r.home ? `, home ${r.home.lat}, ${r.home.lon}` : ""}${(r as { orgUnitId?: string }).orgUnitId ? `, unit ${(r as { orgUnitId?: string }).orgUnitId}` : ""}`, changed,
      may([added.id.field, added.name.field, added.lat.field, added.lon.field, added.capacity.field, added.skills.field, field("Org unit", added.unit)], "Add rep", () => {
        const id = need(added.id.input, v => v !== "" && !repIds().includes(v));
        const capacity = need(added.capacity.input, v => v !== "" && Number(v) >= 0);
        if (id === null || capacity === null) return null;
        const rep: Rep & { orgUnitId?: string } = { id, capacity: Number(capacity) };
        if (added.name.input.value.trim()) rep.name = added.name.input.value.trim();
        if (added.lat.input.value !== "" && added.lon.input.value !== "") rep.home = { lat: Number(added.lat.input.value), lon: Number(added.lon.input.value) };
        const skills = added.skills.input.value.split(",").map(s => s.trim()).filter(Boolean);
        if (skills.length) rep.skills = skills;
        if (added.unit.value) rep.orgUnitId = added.unit.value;
        for (const input of [added.id.input, added.name.input, added.lat.input, added.lon.input, added.capacity.input, added.skills.input]) input.value = "";
        return rep;
      })),
    group("Capacity changes", "changes.repsResized", c.repsResized, (r: Resize) => `${name(r.repId)}: ${[r.capacity !== undefined ? `capacity ${fmt.num(r.capacity)} h` : "", r.maxAccounts !== undefined ? `at most ${fmt.int(r.maxAccounts)} accounts` : ""].filter(Boolean).join(", ")}`, changed,
      may([resizeRep.field, resize.capacity.field, resize.maxAccounts.field], "Resize rep", () => {
        const capacity = optional(resize.capacity.input), maxAccounts = optional(resize.maxAccounts.input);
        if (capacity === undefined && maxAccounts === undefined) {
          need(resize.capacity.input, () => false);
          return null;
        }
        const existing = c.repsResized.findIndex(r => r.repId === resizeRep.select.value);
        if (existing >= 0) c.repsResized.splice(existing, 1);
        resize.capacity.input.value = resize.maxAccounts.input.value = "";
        return { repId: resizeRep.select.value, ...(capacity !== undefined ? { capacity } : {}), ...(maxAccounts !== undefined ? { maxAccounts } : {}) };
      })),
    group("Locked accounts", "changes.accountsLocked", c.accountsLocked, (l: Lock) => `${l.accountId} locked to ${name(l.repId)}`, changed,
      may([lockAccount.field, lockRep.field], "Lock account", () => {
        const id = need(lockAccount.input, v => knownAccount.has(v));
        if (id === null) return null;
        const existing = c.accountsLocked.findIndex(l => l.accountId === id);
        if (existing >= 0) c.accountsLocked.splice(existing, 1);
        lockAccount.input.value = "";
        return { accountId: id, repId: lockRep.select.value };
      })),
    group("Locks lifted", "changes.accountsUnlocked", c.accountsUnlocked, id => `${id} unlocked${lockedInBook.has(id) ? ` (locked to ${name(lockedInBook.get(id)!)} in the dataset)` : ""}`, changed,
      may([unlockAccount.field], "Unlock account", () => {
        const id = need(unlockAccount.input, v => knownAccount.has(v) && !c.accountsUnlocked.includes(v));
        if (id !== null) unlockAccount.input.value = "";
        return id;
      })));

  const element = h("section", { class: "changes", "aria-label": "Changes" }, h("h2", {}, "Changes"), accounts, groups.map(g => g.element),
    h("details", {}, h("summary", {}, "Changes as JSON (read-only)"), json));
  changed();
  return {
    element,
    read,
    pickToLock(accountId) {
      lockAccount.input.value = accountId;
      lockRep.select.focus();
      lockRep.select.scrollIntoView({ block: "center" });
    },
    unlock(accountId) {
      if (!c.accountsUnlocked.includes(accountId)) c.accountsUnlocked.push(accountId);
      changed();
    },
  };
}
