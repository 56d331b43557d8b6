// The workspace's entry: sign-in, the navigation for the signed-in role, and hash routes to the pages.
import "./styles.css";
import { h, put } from "./core/dom";
import { clearNotice, problemView } from "./core/notice";
import { may, me, resume, signOut } from "./core/session";
import { comparePage } from "./pages/compare";
import { datasetPage, datasetsPage } from "./pages/datasets";
import { hiringPage } from "./pages/hiring";
import type { Page } from "./pages/page";
import { quotasPage } from "./pages/quotas";
import { runPage, runsPage } from "./pages/runs";
import { scenarioPage, scenariosPage } from "./pages/scenarios";
import { signInPage } from "./pages/signin";
import { usersPage } from "./pages/users";

const routes: [RegExp, Page][] = [
  [/^\/datasets$/, datasetsPage],
  [/^\/datasets\/([^/]+)$/, datasetPage],
  [/^\/scenarios$/, scenariosPage],
  [/^\/scenarios\/([^/]+)$/, scenarioPage],
  [/^\/runs$/, runsPage],
  [/^\/runs\/([^/]+)$/, runPage],
  [/^\/runs\/([^/]+)\/quotas$/, quotasPage],
  [/^\/compare$/, comparePage],
  [/^\/hiring$/, hiringPage],
  [/^\/users$/, usersPage],
];

const main = document.getElementById("main")!;
let leave: void | (() => void);

/**
 * Each route renders into its own view inside main: when the user moves on before a slow page has loaded, that page
 * finishes into its detached view and never overwrites the page now shown.
 */
async function route(): Promise<void> {
  if (leave) leave();
  leave = undefined;
  clearNotice();
  const view = h("div", { class: "view" });
  main.replaceChildren(view);
  if (!me()) return signInPage(view, () => { header(); void route(); });
  const [path, query] = (location.hash.slice(1) || "/datasets").split("?");
  const match = routes.map(([pattern, page]) => [pattern.exec(path), page] as const).find(([m]) => m);
  if (!match) {
    put(view, h("h1", {}, "Not found"), h("p", {}, `No page at ${path}.`));
    return;
  }
  const [found, page] = match;
  put(view, h("p", { class: "muted" }, "Loading…"));
  try {
    const params = [...found!.slice(1).map(decodeURIComponent)];
    const left = await page(view, ...params, ...(params.length === 0 ? ["", query ?? ""] : [query ?? ""]));
    if (view.isConnected) leave = left;
    else if (left) left();
  } catch (error) {
    put(view, h("h1", {}, "This page could not be shown"), problemView(error));
  }
  highlightNav(path);
}

function header(): void {
  const user = me();
  const links: [string, string, boolean][] = [
    ["#/datasets", "Datasets", true], ["#/scenarios", "Scenarios", true], ["#/runs", "Runs", true],
    ["#/compare", "Compare", true], ["#/hiring", "Hiring", may.hire()],
    ["#/users", "Users", may.administer()],
  ];
  put(document.getElementById("nav")!, user ? links.filter(l => l[2]).map(([href, text]) => h("a", { href }, text)) : []);
  put(document.getElementById("who")!, user ? [h("span", { class: "me" }, `${user.name} · ${user.role}`), " ",
    h("button", { type: "button", class: "link", onclick: async () => { await signOut(); header(); location.hash = ""; void route(); } }, "Sign out")] : []);
}

function highlightNav(path: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>("#nav a"))
    a.toggleAttribute("aria-current", path.startsWith(a.getAttribute("href")!.slice(1)));
}

window.addEventListener("hashchange", () => void route());
void (async () => {
  try {
    await resume();
  } catch (error) {
    put(main, problemView(error));
    return;
  }
  header();
  await route();
})();
