// The plan on a map with Leaflet's canvas renderer: no tiles, no network; unit shapes when the dataset has them,
// account points otherwise. Clicking a unit or an account picks it; highlighted ones get a thick outline. A day's visit
// route can be drawn over it.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { Account, LatLon } from "../core/types";

export type Pick = { kind: "unit"; id: string } | { kind: "account"; id: string };
/** A day on the road: home, and the stops in the order visited, each with the label shown beside it. */
export interface DayRoute { home: LatLon; stops: { at: LatLon; label: string }[] }

export class PlanMap {
  private readonly map: L.Map;
  private readonly renderer = L.canvas({ padding: 0.5, tolerance: 2 });
  private readonly shapes = new Map<string, L.Path>();
  private layer: L.Layer | null = null;
  private route: L.FeatureGroup | null = null;

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

  /**
   * Draws a day's route over what the map shows: the path from home through the stops in order and back as a line,
   * home and each stop as a marker with its label always shown; zooms to it. Null takes it away.
   */
  showRoute(route: DayRoute | null): void {
    if (this.route) this.map.removeLayer(this.route);
    this.route = null;
    delete this.element.dataset.route;
    if (!route) return;
    const at = (p: LatLon): L.LatLngTuple => [p.lat, p.lon];
    const marker = (p: LatLon, label: string, home: boolean) => L.circleMarker(at(p), { renderer: this.renderer, radius: home ? 8 : 6, color: "#000", weight: 2, fillColor: home ? "#000" : "#fff", fillOpacity: 1 })
      .bindTooltip(label, { permanent: true, direction: home ? "left" : "right", className: home ? "route-home" : "route-stop" });
    const path = [route.home, ...route.stops.map(s => s.at), route.home].map(at);
    this.route = L.featureGroup([
      L.polyline(path, { renderer: this.renderer, color: "#000", weight: 3, opacity: 0.85 }),
      marker(route.home, "Home", true),
      ...route.stops.map(s => marker(s.at, s.label, false)),
    ]).addTo(this.map);
    this.map.fitBounds(this.route.getBounds(), { padding: [32, 32], animate: false, maxZoom: 11 });
    this.element.dataset.route = String(route.stops.length);
    this.element.dataset.routePoints = String(path.length);
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
