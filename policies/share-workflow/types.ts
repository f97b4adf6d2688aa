import type { MaskKind } from '../catalog';
import type { ErrorShape } from '../errors';

/**
 * The sharing workflow's records (DESIGN.md "Units, tokens, grants"): an
 * application, its history and the conditions a decision attaches. The
 * governance store keeps them; the functions of this folder only judge them.
 */
export const applicationStatuses = ['SUBMITTED', 'ENDORSED', 'DECLINED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Waiting for the endorser or the provider: the only states with a deadline to miss. */
export const pendingStatuses: ReadonlyArray<ApplicationStatus> = Object.freeze(['SUBMITTED', 'ENDORSED']);

/**
 * Not closed yet: pending, or DECLINED (退回) — back with the applicant, who
 * resubmits or withdraws it at its own pace, so no deadline runs.
 */
export const openStatuses: ReadonlyArray<ApplicationStatus> = Object.freeze(['SUBMITTED', 'ENDORSED', 'DECLINED']);

/** The actor recorded for what the pool decides itself: unconditional approvals and not-shared refusals. */
export const SYSTEM_ACTOR = 'SYSTEM';

/**
 * One application names resources of ONE provider (the unit that decides it)
 * and the fields wanted from them; approval gives one grant per resource.
 */
export interface ShareApplication {
  readonly id: string;
  readonly applicant: string;
  readonly resources: ReadonlyArray<string>;
  /** The fields (coordinates) asked for: minimum necessary, only of the named resources. */
  readonly coordinates: ReadonlyArray<string>;
  readonly purpose: string;
  /** Unit codes whose jurisdictions the applicant asks to read; empty = every record. */
  readonly rowScope: ReadonlyArray<string>;
  readonly validUntil: Date;
  readonly status: ApplicationStatus;
  readonly submittedAt: Date;
  /**
   * The endorser's deadline, counted from the last (re)submission; null when
   * there is no endorser (and for applications recorded before stage deadlines).
   */
  readonly endorsementDeadline: Date | null;
  /**
   * The provider's statutory deadline (第十五条), counted from the moment the
   * application reached the provider: its endorsement, or its submission when
   * there is no endorser. Null while it has not reached the provider.
   */
  readonly decisionDeadline: Date | null;
  /** The applicant's superior education department, or null when the application goes straight to the provider. */
  readonly endorser: string | null;
  readonly provider: string;
  readonly catalogVersion: string;
  readonly decidedAt: Date | null;
}

/** Conditions as a decision fixes them, recorded in the history and carried by the grants. */
export interface DecidedConditions {
  readonly coordinates: ReadonlyArray<string>;
  readonly rowScope: ReadonlyArray<string>;
  readonly masks: Readonly<Record<string, ReadonlyArray<MaskKind>>>;
  readonly purpose: string;
  readonly validUntil: Date;
}

/** One transition of the history: who moved the application from what to what, when and why. */
export interface ApplicationEvent {
  readonly applicationId: string;
  /** 1 for the submission, then one more per transition. */
  readonly seq: number;
  readonly fromStatus: ApplicationStatus | null;
  readonly toStatus: ApplicationStatus;
  /** A unit code, or SYSTEM. */
  readonly actorUnit: string;
  /** The token the actor used (its jti); null for SYSTEM. */
  readonly actorToken: string | null;
  /** The signed-in person (account id) who acted for the unit; null for SYSTEM and operator tokens. */
  readonly actorPerson: string | null;
  readonly at: Date;
  readonly reason: string | null;
  readonly conditions: DecidedConditions | null;
}

/** What a workflow check gives: the value, or the refusal to show the client. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorShape };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refused = <T = never>(error: ErrorShape): Outcome<T> => ({ ok: false, error });
