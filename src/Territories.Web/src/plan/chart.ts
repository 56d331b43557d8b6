// Hand-drawn SVG charts (no chart library): lines over a numeric x axis, and bars with labels.
const svgNs = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, String(v));
  if (text !== undefined) element.textContent = text;
  return element;
}

export interface Series { name: string; colour: string; points: [number, number][]; dashed?: boolean }

const width = 520, height = 200, left = 64, right = 12, top = 12, bottom = 30;

/** A line chart; the title becomes the SVG's accessible name. */
export function lineChart(title: string, xLabel: string, series: Series[]): SVGSVGElement {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart" });
  const all = series.flatMap(s => s.points);
  if (all.length === 0) {
    root.appendChild(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "No data yet"));
    return root;
  }
  const [x0, x1] = extent(all.map(p => p[0]));
  const [y0, y1] = extent(all.map(p => p[1]));
  const sx = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * (width - left - right);
  const sy = (y: number) => height - bottom - ((y - y0) / (y1 - y0 || 1)) * (height - top - bottom);
  axes(root, [x0, x1], [y0, y1], sx, sy, xLabel);
  series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j ? "L" : "M"}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join("");
    root.appendChild(svg("path", { d, fill: "none", stroke: s.colour, "stroke-width": 2, ...(s.dashed ? { "stroke-dasharray": "5 3" } : {}) }));
    root.appendChild(svg("text", { x: left + 8 + i * 150, y: top + 10, fill: s.colour, "font-size": 12 }, `${s.dashed ? "- - " : "— "}${s.name}`));
  });
  return root;
}

/** Vertical bars, one per label, in one colour. */
export function barChart(title: string, bars: { label: string; value: number }[], colour: string): SVGSVGElement {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart" });
  const max = Math.max(1, ...bars.map(b => b.value));
  const sy = (y: number) => height - bottom - (y / max) * (height - top - bottom);
  axes(root, [0, bars.length], [0, max], x => x, sy, "");
  const slot = (width - left - right) / Math.max(1, bars.length);
  bars.forEach((b, i) => {
    const x = left + i * slot;
    root.appendChild(svg("rect", { x: x + slot * 0.15, y: sy(b.value), width: slot * 0.7, height: height - bottom - sy(b.value), fill: colour }, undefined));
    root.appendChild(svg("text", { x: x + slot / 2, y: height - bottom + 14, "text-anchor": "middle", "font-size": 10 }, b.label));
  });
  return root;
}

/** Grouped bars per label: one bar per series, for capacity against demand and the like. */
export function groupedBars(title: string, labels: string[], series: { name: string; colour: string; values: number[] }[]): SVGSVGElement {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart" });
  const max = Math.max(1, ...series.flatMap(s => s.values));
  const sy = (y: number) => height - bottom - (y / max) * (height - top - bottom);
  axes(root, [0, labels.length], [0, max], x => x, sy, "");
  const slot = (width - left - right) / Math.max(1, labels.length);
  const bar = (slot * 0.8) / Math.max(1, series.length);
  labels.forEach((label, i) => {
    series.forEach((s, k) => {
      const x = left + i * slot + slot * 0.1 + k * bar;
      root.appendChild(svg("rect", { x, y: sy(s.values[i]), width: bar, height: height - bottom - sy(s.values[i]), fill: s.colour }));
    });
    root.appendChild(svg("text", { x: left + i * slot + slot / 2, y: height - bottom + 14, "text-anchor": "middle", "font-size": 10 }, label));
  });
  series.forEach((s, k) => root.appendChild(svg("text", { x: left + 8 + k * 150, y: top + 10, fill: s.colour, "font-size": 12 }, `■ ${s.name}`)));
  return root;
}

function extent(values: number[]): [number, number] {
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) { lo -= 1; hi += 1; }
  return [lo, hi];
}

function axes(root: SVGSVGElement, xs: [number, number], ys: [number, number], sx: (x: number) => number, sy: (y: number) => number, xLabel: string): void {
  root.appendChild(svg("line", { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: "#555" }));
  root.appendChild(svg("line", { x1: left, y1: top, x2: left, y2: height - bottom, stroke: "#555" }));
  for (const y of [ys[0], (ys[0] + ys[1]) / 2, ys[1]])
    root.appendChild(svg("text", { x: left - 6, y: sy(y) + 4, "text-anchor": "end", "font-size": 10 }, short(y)));
  if (xLabel) {
    root.appendChild(svg("text", { x: sx(xs[0]), y: height - 6, "font-size": 10 }, short(xs[0])));
    root.appendChild(svg("text", { x: sx(xs[1]), y: height - 6, "text-anchor": "end", "font-size": 10 }, `${short(xs[1])} ${xLabel}`));
  }
}

function short(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return a >= 100 ? x.toFixed(0) : x.toPrecision(3);
}
