// Small DOM helpers: build elements declaratively, format numbers the same way everywhere.

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | undefined | null | ((event: Event) => void);

/** Creates an element; attributes named on* become listeners, false/null/undefined attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, AttrValue> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's content. */
export function put(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A table with a caption, header cells and rows of cells; cells may be nodes. */
export function table(caption: string, headers: string[], rows: Child[][], attrs: Record<string, AttrValue> = {}): HTMLTableElement {
  return h("table", attrs,
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map(r => h("tr", {}, r.map(c => h("td", {}, c))))));
}

/** A labelled input; the label names the control for screen readers and tests. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${++fieldCount}`;
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("small", {}, hint) : null);
}
let fieldCount = 0;

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
export const fmt = {
  int: (x: number | null | undefined) => (x === null || x === undefined ? "–" : whole.format(x)),
  num: (x: number | null | undefined) => (x === null || x === undefined ? "–" : two.format(x)),
  pct: (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${two.format(x * 100)} %`),
  money: (x: number | null | undefined) => (x === null || x === undefined ? "–" : whole.format(x)),
  signed: (x: number, format: (v: number) => string) => (x > 0 ? `+${format(x)}` : x < 0 ? `−${format(-x)}` : "±0"),
};

export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
