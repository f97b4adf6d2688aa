import { z } from 'zod';
import type { PerturbationParameters } from '../statistics/cell-key';

/** The three share types of the Measures (DESIGN.md "What the project is"). */
export const shareTypes = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const;
export type ShareType = (typeof shareTypes)[number];

/** How a granted field may be blurred before it leaves the subgraph. */
export const maskKinds = [
  'NAME', // 张*: keep the surname
  'ID_NUMBER_REGION_AND_CHECK', // keep the first 6 and the last 1 characters
  'ID_NUMBER_BIRTH_YEAR', // keep the region and the birth year
  'PHONE', // 138****1234
  'BIRTH_DATE_YEAR_MONTH',
  'BIRTH_DATE_YEAR',
  'ADDRESS_DISTRICT', // keep the district, drop the street and number
] as const;
export type MaskKind = (typeof maskKinds)[number];

/** The legacy system a resource is read from; `pool` for what the pool computes itself. */
export const sourceSystems = ['student-status', 'teacher-hr', 'facility', 'pool'] as const;
export type SourceSystem = (typeof sourceSystems)[number];

export const updateCycles = ['实时', '每日', '每周', '每月', '每学期', '每年'] as const;
export type UpdateCycle = (typeof updateCycles)[number];

export const CATALOG_CODE_PATTERN = /^GZJY-[A-Z]{2}-\d{3}$/;

/**
 * The most a grant on the resource may carry. The provider may tighten these
 * when approving; it may not loosen them.
 */
export interface GrantConditions {
  /** A grant names which records (a unit's jurisdiction) it reaches. */
  readonly rowScope: boolean;
  /** Masks the provider may impose, by coordinate. */
  readonly masks: Readonly<Record<string, ReadonlyArray<MaskKind>>>;
  readonly purposeRequired: boolean;
  readonly maxValidityDays: number;
}

/** The provider's time to decide: 15 natural days under the Measures unless set otherwise. */
export interface ResponseDeadline {
  readonly days: number;
  readonly calendar: 'NATURAL' | 'WORKING';
}

/**
 * The most calls a unit may make to the resource's fields in a window (e.g.
 * a verification resource: a partner department checks facts one at a time,
 * never harvests them). Enforced by the gateway's rate limiter, looked up
 * with `rateLimitOf`.
 */
export interface RateLimit {
  readonly requests: number;
  readonly perSeconds: number;
}

export interface CatalogResource {
  readonly code: string;
  readonly title: string;
  readonly description: string;
  /** The providing unit, which decides applications for the resource. */
  readonly provider: string;
  readonly sourceSystem: SourceSystem;
  readonly updateCycle: UpdateCycle;
  readonly format: string;
  readonly shareType: ShareType;
  /** The law or policy a NOT_SHARED resource rests on; every refusal cites it. */
  readonly legalBasis?: string;
  readonly conditions: GrantConditions;
  readonly responseDeadline: ResponseDeadline;
  /**
   * The provider's time to verify and answer an objection to a record of the
   * resource (校核纠错); 15 natural days unless set otherwise.
   */
  readonly objectionDeadline: ResponseDeadline;
  /** Absent = no limit of the resource's own. */
  readonly rateLimit?: RateLimit;
  /** Open data (Measures chapter 6): published to the public, not just shared. */
  readonly open: boolean;
  /**
   * For aggregate resources: how counts of persons are perturbed for readers
   * without record-level access (the cell-key method, policies/statistics/cell-key.ts).
   */
  readonly perturbation?: PerturbationParameters;
  readonly coordinates: ReadonlyArray<string>;
}

/** What a grant on an unconditional or not-shared resource carries: nothing but its validity. */
export const NO_CONDITIONS: GrantConditions = Object.freeze({
  rowScope: false,
  masks: Object.freeze({}),
  purposeRequired: false,
  maxValidityDays: 365,
});

const nonEmpty = z.string().trim().min(1);
const deadlineSchema = z.strictObject({ days: z.number().int().positive(), calendar: z.enum(['NATURAL', 'WORKING']) });

/** The shape of one resource as stored; the cross-checks live in `loadCatalog`. */
export const catalogResourceSchema = z.strictObject({
  code: z.string().regex(CATALOG_CODE_PATTERN, 'expected a catalog code like GZJY-XS-001'),
  title: nonEmpty,
  description: nonEmpty,
  provider: nonEmpty,
  sourceSystem: z.enum(sourceSystems),
  updateCycle: z.enum(updateCycles),
  format: nonEmpty,
  shareType: z.enum(shareTypes),
  legalBasis: z.string().optional(),
  conditions: z
    .strictObject({
      rowScope: z.boolean(),
      masks: z.record(z.string(), z.array(z.enum(maskKinds)).min(1)),
      purposeRequired: z.boolean(),
      maxValidityDays: z.number().int().positive(),
    })
    .default(() => ({ ...NO_CONDITIONS, masks: {} })),
  responseDeadline: deadlineSchema.default(() => ({ days: 15, calendar: 'NATURAL' as const })),
  objectionDeadline: deadlineSchema.default(() => ({ days: 15, calendar: 'NATURAL' as const })),
  rateLimit: z.strictObject({ requests: z.number().int().positive(), perSeconds: z.number().int().positive() }).optional(),
  open: z.boolean().default(false),
  perturbation: z.strictObject({
    maxNoise: z.number().int().min(1).max(10),
    variance: z.number().positive().max(25),
    smallestCount: z.number().int().min(1).max(20),
  }).optional(),
  coordinates: z.array(z.string()).min(1),
});

/** A resource as written in the catalog data: conditions, deadline and `open` may be left to their defaults. */
export type CatalogResourceInput = z.input<typeof catalogResourceSchema>;
