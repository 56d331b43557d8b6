// The plan on a map with Leaflet's canvas renderer: no tiles, no network; unit shapes when the dataset has them,
// account points otherwise. Clicking a unit or an account picks it; highlighted ones get a thick outline.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { Account } from "../core/types";

export type Pick = { kind: "unit"; id: string } | { kind: "account"; id: string };

export class PlanMap {
  private readonly map: L.Map;
  private readonly renderer = L.canvas({ padding: 0.5, tolerance: 2 });
  private readonly shapes = new Map<string, L.Path>();
  private layer: L.Layer | null = null;
  private route: L.GeoJSON | null = null;

  constructor(private readonly element: HTMLElement, private readonly onPick: (pick: Pick) => void) {
    this.map = L.map(element, { preferCanvas: true, zoomSnap: 0.25, attributionControl: false, renderer: this.renderer });
    this.map.setView([31, -99], 5);
  }

  /** Draws unit shapes (a GeoJSON FeatureCollection whose feature ids are unit ids). */
  showUnits(units: GeoJSON.FeatureCollection, colourOf: (unitId: string) => string, labelOf: (unitId: string) => string): void {
    this.clear();
    this.element.dataset.layer = "units";
    const layer = L.geoJSON(units, {
      style: f => ({ fillColor: colourOf(String(f?.id)), fillOpacity: 0.8, color: "#333", weight: 0.6 }),
      onEachFeature: (feature, path) => {
        const id = String(feature.id);
        this.shapes.set(id, path as L.Path);
        path.bindTooltip(() => labelOf(id), { sticky: true });
        path.on("click", () => this.onPick({ kind: "unit", id }));
      },
    });
    this.show(layer);
  }

  /** Draws accounts as points (datasets without shapes). */
  showPoints(accounts: Account[], colourOf: (accountId: string) => string, labelOf: (accountId: string) => string): void {
    this.clear();
    this.element.dataset.layer = "points";
    const group = L.featureGroup();
    for (const a of accounts) {
      if (!a.location) continue;
      const marker = L.circleMarker([a.location.lat, a.location.lon], { renderer: this.renderer, radius: 4, fillColor: colourOf(a.id), fillOpacity: 0.9, color: "#333", weight: 0.5 });
      marker.bindTooltip(() => labelOf(a.id));
      marker.on("click", () => this.onPick({ kind: "account", id: a.id }));
      this.shapes.set(a.id, marker);
      group.addLayer(marker);
    }
    this.show(group);
  }

  /** Recolours the given shapes (those a move touched), or every shape, without redrawing the layer from scratch. */
  recolour(colourOf: (id: string) => string, ids: Iterable<string> = this.shapes.keys()): void {
    for (const id of ids) this.shapes.get(id)?.setStyle({ fillColor: colourOf(id) });
  }

  /** Draws a route (a GeoJSON line with stop points) over the territories and zooms to it; null takes it away. */
  showRoute(route: GeoJSON.FeatureCollection | null): void {
    if (this.route) this.map.removeLayer(this.route);
    this.route = null;
    if (!route) return;
    this.route = L.geoJSON(route, {
      style: { color: "#000", weight: 3, opacity: 0.9 },
      pointToLayer: (feature, at) => L.circleMarker(at, { renderer: this.renderer, radius: feature.properties?.kind === "rep" ? 7 : 5, color: "#000", weight: 2, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(feature.properties?.kind === "rep" ? `home of ${feature.properties.repId}` : `${feature.properties?.order}. ${feature.properties?.accountId} ${feature.properties?.start ?? ""}`),
    }).addTo(this.map);
    const bounds = this.route.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [24, 24], animate: false });
    this.element.dataset.route = String(route.features.filter(f => f.properties?.kind === "stop").length);
  }

  /** A thick outline on the given ids (changed accounts, the selection), a thin one elsewhere. */
  highlight(ids: Set<string>): void {
    for (const [id, path] of this.shapes) path.setStyle(ids.has(id) ? { color: "#000", weight: 3 } : { color: "#333", weight: 0.6 });
    for (const id of ids) {
      const path = this.shapes.get(id);
      if (path && "bringToFront" in path) (path as L.Path).bringToFront();
    }
  }

  /** Fits the view to the layer first, then adds it, so its shapes are projected and drawn once. */
  private show(layer: L.FeatureGroup | L.GeoJSON): void {
    const bounds = layer.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [8, 8], animate: false });
    this.layer = layer.addTo(this.map);
  }

  private clear(): void {
    if (this.layer) this.map.removeLayer(this.layer);
    this.shapes.clear();
  }

  remove(): void {
    this.map.remove();
  }
}
