// Sign in with a name and password (a session cookie), or with an API key kept in memory for this tab.
import { field, h, put } from "../core/dom";
import { problemView } from "../core/notice";
import { signIn, signInWithKey, type Me } from "../core/session";

export function signInPage(main: HTMLElement, done: (me: Me) => void): void {
  const name = h("input", { type: "text", autocomplete: "username", required: true });
  const password = h("input", { type: "password", autocomplete: "current-password", required: true });
  const key = h("input", { type: "password", autocomplete: "off", required: true });
  const problem = h("div", { class: "form-problem" });
  const withPassword = h("form", { "aria-label": "Sign in with name and password" },
    field("Name", name), field("Password", password), h("button", { type: "submit" }, "Sign in"));
  const withKey = h("form", { "aria-label": "Sign in with an API key" },
    field("API key", key, "e.g. the bootstrap admin's key; kept in this tab's memory only"), h("button", { type: "submit" }, "Sign in with key"));
  const go = (action: () => Promise<Me>) => async (event: Event) => {
    event.preventDefault();
    problem.replaceChildren();
    try {
      done(await action());
    } catch (error) {
      put(problem, problemView(error));
    }
  };
  withPassword.addEventListener("submit", go(() => signIn(name.value, password.value)));
  withKey.addEventListener("submit", go(() => signInWithKey(key.value.trim())));
  put(main, h("section", { class: "signin" }, h("h1", {}, "Sign in to Territories"), problem, withPassword, h("p", { class: "muted" }, "or"), withKey));
  name.focus();
}
