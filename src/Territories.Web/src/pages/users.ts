// User administration (admins; contract section 7): the users with their roles and state, a new user with a role,
// a role changed or a user disabled (If-Match on the user's version), and each user's API keys: created with the
// secret shown this once, listed without it, revoked. The page is offered to admins only; the API refuses others.
import { del, get, post, request } from "../core/api";
import { field, h, put, table } from "../core/dom";
import { attempt, showFormError } from "../core/notice";
import { me } from "../core/session";
import type { ApiKey, CreatedKey, User } from "../core/types";
import type { Page } from "./page";

const roles = ["viewer", "hr", "planner", "manager", "admin"];
const enc = encodeURIComponent;

export const usersPage: Page = async main => {
  const list = h("section", { "aria-label": "Users" });
  const keys = h("section", { class: "keys", "aria-label": "API keys" });
  const where = h("div", {});
  const refresh = async () => {
    const users = await get<User[]>("/api/v1/users");
    put(list, table("Users", ["Name", "Role", "State", "Signs in with", ""], users.map(u => userRow(u, refresh, keys, where)), { class: "users" }));
  };
  put(main, h("h1", {}, "Users"), where, newUserForm(refresh), list, keys);
  await refresh();
};

function userRow(u: User, refresh: () => Promise<void>, keys: HTMLElement, where: HTMLElement) {
  const self = u.id === me()?.id;
  const role = h("select", { "aria-label": `Role of ${u.name}` }, roles.map(r => h("option", { value: r, selected: r === u.role }, r)));
  const change = (body: Record<string, unknown>) => attempt(async () => {
    const changed = await request<User>("PATCH", `/api/v1/users/${enc(u.id)}`, { body, headers: { "If-Match": `"${u.version}"` } });
    await refresh();
    put(where, h("p", { role: "status" }, `${changed.name}: ${"role" in body ? `role ${changed.role}` : changed.disabled ? "disabled" : "enabled"}.`));
  }, where);
  return [
    h("strong", {}, u.name), h("span", { class: "row" }, role, h("button", { type: "button", onclick: () => change({ role: role.value }) }, "Change role")),
    u.disabled ? h("span", { class: "bad" }, "disabled") : "enabled",
    [u.hasPassword ? "password" : null, u.external ? "single sign-on" : null, "API keys"].filter(Boolean).join(", "),
    h("span", { class: "row" },
      self ? null : h("button", { type: "button", onclick: () => change({ disabled: !u.disabled }) }, u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`),
      h("button", { type: "button", onclick: () => attempt(() => showKeys(keys, u), where) }, `Keys of ${u.name}`)),
  ];
}

function newUserForm(refresh: () => Promise<void>): HTMLFormElement {
  const name = h("input", { type: "text", required: true, autocomplete: "off", "data-path": "name" });
  const role = h("select", { "data-path": "role" }, roles.map(r => h("option", { value: r, selected: r === "planner" }, r)));
  const password = h("input", { type: "password", autocomplete: "new-password", "data-path": "password" });
  const form = h("form", { class: "new-user", "aria-label": "New user" }, h("h2", {}, "New user"), h("div", { class: "form-problem" }),
    h("div", { class: "grid" }, field("User name", name), field("User role", role), field("Initial password", password, "empty: the user signs in with API keys only")),
    h("button", { type: "submit" }, "Create user"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      form.querySelector(".form-problem")!.replaceChildren();
      await post<User>("/api/v1/users", { name: name.value, role: role.value, password: password.value || undefined });
      name.value = password.value = "";
      await refresh();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return form;
}

/** A user's keys: the list (never the secrets), a new key whose secret is shown once, revoke. */
async function showKeys(box: HTMLElement, u: User, created?: CreatedKey): Promise<void> {
  const keys = await get<ApiKey[]>(`/api/v1/users/${enc(u.id)}/keys`);
  const where = h("div", {});
  const label = h("input", { type: "text", autocomplete: "off", "data-path": "name" });
  const form = h("form", { class: "row" }, field("Key label", label), h("button", { type: "submit" }, "Create key"));
  form.addEventListener("submit", event => {
    event.preventDefault();
    void attempt(async () => showKeys(box, u, await post<CreatedKey>(`/api/v1/users/${enc(u.id)}/keys`, label.value ? { name: label.value } : undefined)), where);
  });
  put(box, h("h2", {}, `API keys of ${u.name}`),
    created ? h("div", { class: "new-key", role: "status" }, h("p", {}, `New key ${created.name ? `"${created.name}" ` : ""}for ${u.name}: copy it now, it is shown only this once.`),
      h("p", { class: "secret" }, created.key)) : null,
    keys.length === 0 ? h("p", { class: "muted" }, "No key.") : table(`Keys of ${u.name}`, ["Label", "Created", ""], keys.map(k => [
      k.name ?? "", new Date(k.createdAt).toLocaleString(),
      h("button", { type: "button", onclick: () => attempt(async () => { await del(`/api/v1/keys/${enc(k.id)}`); await showKeys(box, u); }, where) }, `Revoke ${k.name || k.id}`),
    ]), { class: "keys" }),
    form, where);
}
