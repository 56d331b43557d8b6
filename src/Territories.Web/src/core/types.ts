// The API's shapes the page reads (contract sections 1, 2, 5, 6 and the service's resources).

export interface LatLon { lat: number; lon: number }
export interface Rep { id: string; name?: string | null; home?: LatLon | null; skills?: string[]; capacity: number; maxAccounts?: number | null; region?: string | null }
export interface Account {
  id: string; name?: string | null; location?: LatLon | null; segment?: string | null; tier?: string | null; requiredSkills?: string[];
  workload?: number | null; potential?: number | null; revenue?: number | null; currentRepId?: string | null; lockedRepId?: string | null; unitId?: string | null;
}
export interface Options {
  weights?: { balance?: number; travel?: number; disruption?: number; cost?: number };
  balance?: { metric?: string; tolerance?: number };
  maxMovedShare?: number | null; contiguity?: boolean; timeLimitSeconds?: number; seed?: number; workers?: number;
  [other: string]: unknown;
}
export interface Problem { name?: string; reps: Rep[]; accounts: Account[]; units?: { id: string; neighbors: string[] }[]; options: Options; [other: string]: unknown }

export interface DatasetSummary { id: string; name: string; version: number; reps: number; accounts: number; units: number; updatedAt: string }
export interface DatasetDetail {
  summary: DatasetSummary; reps: Rep[]; accountsBySegment: Record<string, number>; accountsByTier: Record<string, number>;
  totalWorkload: number; totalPotential: number; totalRevenue: number;
}
export interface AccountPage { total: number; offset: number; limit: number; items: Account[] }

export interface Changes {
  repsRemoved?: string[]; repsAdded?: Rep[]; repsResized?: { repId: string; capacity?: number; maxAccounts?: number }[];
  accountsUnlocked?: string[]; accountsLocked?: { accountId: string; repId: string }[];
}
export interface Scenario { id: string; version: number; name: string; datasetId: string; changes?: Changes | null; options?: Options | null; goal?: number | null; ownerId?: string | null; updatedAt: string }

export interface Assignment { accountId: string; repId: string }
export interface RepSummary {
  repId: string; accounts: number; workload: number; capacity: number; utilization: number; potential: number; revenue: number;
  travelKm: number; movedIn: number; movedOut: number; fairShare?: number; deviation?: number;
}
export interface Kpis { movedAccounts: number; movedRevenue: number; workloadMaxDeviation: number; balanceMaxDeviation?: number; totalTravelKm: number; utilizationMin?: number; utilizationMax?: number; orphanedAccounts?: number }
export interface ObjectiveTerm { term: string; weight: number; raw: number; scale: number; contribution: number; reason: string }
export interface Diagnostic { code: string; message: string; accountIds?: string[]; repIds?: string[]; skills?: string[] }
export interface Plan {
  status: string; objective: number | null; bound: number | null; gap: number | null; solveSeconds: number;
  assignments: Assignment[]; reps: RepSummary[]; kpis: Kpis; objectiveTerms?: ObjectiveTerm[]; diagnostics: Diagnostic[];
  solver?: { engine: string }; edit?: { baseRunId: string; editedBy: string; editedAt: string; moves: Assignment[] } | null;
}
export interface Violation { rule: string; message: string; accountIds: string[]; repIds: string[] }
export interface Analysis { feasible: boolean; objective: number; violations: Violation[]; reps: RepSummary[]; kpis: Kpis; objectiveTerms: ObjectiveTerm[] }

export interface Progress { bestObjective: number | null; bound: number | null; gap: number | null; elapsedSeconds: number; solutions: number }
export interface Run {
  id: string; scenarioId: string; state: "queued" | "running" | "completed" | "failed" | "cancelled"; createdAt: string; finishedAt?: string | null;
  progress: Progress; plan?: Plan | null; error?: string | null; cancelRequested: boolean;
}
export interface RunEvent { runId: string; state: Run["state"]; progress: Progress; error?: string | null }

export interface ComparedRun {
  runId: string; scenarioId: string; status: string; objective: number | null; workloadMaxDeviation: number; utilizationMin: number; utilizationMax: number;
  utilizationSpread: number; totalTravelKm: number; movedAccounts: number; movedRevenue: number; accounts: number; assignedAccounts: number; coverage: number; reps: number;
}
export interface Comparison { runs: ComparedRun[]; changedAccountCount: number; changedAccounts: { accountId: string; repIds: (string | null)[] }[] }

export interface Amount { period: string; amount: number }
export interface QuotaPlan { goal: number; total: number; currency?: string; reps: { repId: string; annual: number; quarters: Amount[]; months: Amount[] }[]; diagnostics: Diagnostic[] }

export interface HiringPlan {
  status: string; cost: number; hires: { quarter: string; skills: string[]; region: string; count: number }[];
  quarters: { quarter: string; headcount: number; capacityHours: number; demandHours: number; coverage: number }[];
  shortfalls: { quarter: string; skill: string; region: string; hours: number; reason: string }[];
  [other: string]: unknown;
}

export interface Proposal {
  id: string; state: string; runId: string; effective: string; note?: string | null; createdBy?: string | null;
  unitsNeeded: string[]; approvalsNeeded: string[]; changes: { accountId: string; fromRepId?: string | null; toRepId?: string | null }[];
}

export interface User { id: string; name: string; role: string; disabled: boolean; hasPassword: boolean; external: boolean; version: number; createdAt: string }
export interface ApiKey { id: string; name?: string | null; createdAt: string }
export interface CreatedKey extends ApiKey { key: string; userId: string }

export interface VisitStop { accountId: string; tier?: string | null; arrival: string; start: string; end: string; appointment: boolean }
export interface VisitDay { date: string; leave: string; return: string; break?: { start: string; end: string } | null; stops: VisitStop[]; travelKm: number; workMinutes: number }
export interface UnplannedVisit { accountId: string; repId: string; date: string; reason: string; message: string }
export interface VisitPlan { from: string; weeks: number; required: number; planned: number; reps: { repId: string; days: VisitDay[] }[]; unplanned: UnplannedVisit[]; solveSeconds: number }
export interface VisitPolicyInForce { policy: unknown; putBy?: string | null; putAt: string }
