// An assignment of accounts to reps seen on the map: who holds each unit (the rep with most of its accounts), the
// colour of each unit or account, and drawing it (unit shapes when the dataset has them, account points otherwise).
import type { Account, Rep } from "../core/types";
import type { PlanMap } from "./map";
import { pale, unassigned } from "./palette";

export class Territories {
  readonly unitAccounts = new Map<string, string[]>();
  private readonly unitOf = new Map<string, string>();
  private readonly unitNames = new Map<string, string>();
  private readonly repNames: Map<string, string>;

  constructor(readonly accounts: Account[], reps: Rep[], readonly assignment: Map<string, string>, readonly colours: Map<string, string>,
    readonly units: GeoJSON.FeatureCollection | null) {
    this.repNames = new Map(reps.map(r => [r.id, r.name ? `${r.name} (${r.id})` : r.id]));
    for (const f of units?.features ?? []) this.unitNames.set(String(f.id), String(f.properties?.name ?? f.id));
    for (const a of accounts) {
      if (!a.unitId) continue;
      this.unitOf.set(a.id, a.unitId);
      this.unitAccounts.set(a.unitId, [...(this.unitAccounts.get(a.unitId) ?? []), a.id]);
    }
  }

  /** The rep holding most of the unit's accounts (all of them under contiguity); null when none is assigned. */
  unitRep(unitId: string): string | null {
    const counts = new Map<string, number>();
    for (const id of this.unitAccounts.get(unitId) ?? []) {
      const rep = this.assignment.get(id);
      if (rep) counts.set(rep, (counts.get(rep) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }

  private colourOf(rep: string | null | undefined): string {
    return (rep && this.colours.get(rep)) || unassigned;
  }

  /** Who holds a shape: a unit's rep when the map has unit shapes, else an account's. */
  private holder(id: string): string | null | undefined {
    return this.units ? this.unitRep(id) : this.assignment.get(id);
  }

  shapeColour(id: string): string {
    return this.colourOf(this.holder(id));
  }

  /** The shapes drawn for these accounts: their units when the map has shapes, else the accounts themselves. */
  shapesOf(accountIds: string[]): string[] {
    if (!this.units) return accountIds;
    return [...new Set(accountIds.map(id => this.unitOf.get(id)).filter((u): u is string => !!u))];
  }

  repName(repId: string): string {
    return this.repNames.get(repId) ?? repId;
  }

  unitName(unitId: string): string {
    return this.unitNames.get(unitId) ?? unitId;
  }

  unitLabel(unitId: string): string {
    const rep = this.unitRep(unitId);
    return `${this.unitName(unitId)} (${unitId}): ${this.unitAccounts.get(unitId)?.length ?? 0} accounts${rep ? `, ${this.repName(rep)}` : ""}`;
  }

  accountLabel(accountId: string): string {
    const rep = this.assignment.get(accountId);
    return `${accountId}${rep ? `: ${this.repName(rep)}` : ""}`;
  }

  /**
   * Draws the units, or the accounts when there are no shapes; a click on one calls the map's pick. With a rep, only
   * that rep's shapes are in its colour and the rest pale (the background of the rep's day route).
   */
  draw(map: PlanMap, only?: string): void {
    const colour = (id: string) => (!only || this.holder(id) === only ? this.shapeColour(id) : pale);
    if (this.units) map.showUnits(this.units, colour, id => this.unitLabel(id));
    else map.showPoints(this.accounts, colour, id => this.accountLabel(id));
  }
}
