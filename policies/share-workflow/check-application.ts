import type { Catalog, CatalogResource } from '../catalog';
import { errors, type ErrorShape } from '../errors';
import type { UnitTree } from '../unit-tree';
import { chinaDate, endOfChinaDay, isIsoDate, validityProblem } from './validity';
import { ok, refused, type Outcome } from './types';

/** `applyForShare`'s input as the client sends it. */
export interface ApplyInput {
  readonly resources: ReadonlyArray<string>;
  readonly fields: ReadonlyArray<string>;
  readonly purpose: string;
  readonly rowScope?: ReadonlyArray<string> | null;
  /** The last day of validity, `YYYY-MM-DD`. */
  readonly validUntil: string;
}

/**
 * What becomes of a well-formed application at submission (Measures 解读之六,
 * the three share types): AWAIT the endorser or provider (conditional);
 * APPROVE_AT_ONCE by the system (every resource unconditional); NOT_SHARED:
 * refused by the system, citing the basis of each not-shared resource named.
 */
export type Disposition =
  | { readonly kind: 'AWAIT' }
  | { readonly kind: 'APPROVE_AT_ONCE' }
  | { readonly kind: 'NOT_SHARED'; readonly resources: ReadonlyArray<CatalogResource> };

export interface CheckedApplication {
  readonly resources: ReadonlyArray<CatalogResource>;
  readonly coordinates: ReadonlyArray<string>;
  readonly purpose: string;
  readonly rowScope: ReadonlyArray<string>;
  readonly validUntil: Date;
  readonly provider: string;
  /** Who endorses before the provider decides; null when nobody does (see `endorserFor`). */
  readonly endorser: string | null;
  readonly disposition: Disposition;
}

export interface ApplyContext {
  readonly applicant: string;
  readonly catalog: Catalog;
  readonly unitTree: UnitTree;
  readonly now: Date;
}

/**
 * The endorser of the applicant's applications: its superior education
 * department (applications go level by level, Measures 解读之六). None — the
 * application goes straight to the provider — when the applicant has no
 * superior education department (partner departments, the city bureau) or
 * when that department is itself the provider (a district bureau or the
 * research institute applying to the city bureau).
 */
export function endorserFor(applicant: string, provider: string, unitTree: UnitTree): string | null {
  const superior = unitTree.superiorEducationDepartment(applicant);
  return superior === undefined || superior.code === provider ? null : superior.code;
}

/**
 * Checks an application for the minimum-necessary rule and the catalog: known
 * resources of one provider, fields only of those resources and at least one
 * of each, known units in the row scope, a validity within every resource's
 * limit, a purpose where a resource requires one. Refusals are BAD_USER_INPUT
 * naming the argument. A well-formed application for a not-shared resource is
 * not refused here: it is recorded, then refused (disposition NOT_SHARED).
 */
export function checkApplication(input: ApplyInput, context: ApplyContext): Outcome<CheckedApplication> {
  const { applicant, catalog, unitTree, now } = context;
  if (!unitTree.has(applicant)) return refused(errors.forbidden('apply for data', `unit ${applicant} is not in the pool's unit tree.`));
  const bad = (argument: string, why: string, coordinate?: string) => refused<CheckedApplication>(errors.badUserInput(argument, why, coordinate));

  const codes = [...new Set(input.resources)];
  if (codes.length === 0) return bad('input.resources', 'name at least one catalog resource.');
  const resources: CatalogResource[] = [];
  for (const code of codes) {
    const resource = catalog.byCode(code);
    if (!resource) return bad('input.resources', `${code} is not a catalog resource; see Query.catalog.`);
    resources.push(resource);
  }
  const providers = [...new Set(resources.map((r) => r.provider))];
  if (providers.length > 1) return bad('input.resources', `the resources are provided by several units (${providers.join(', ')}); apply once per provider.`);
  const provider = providers[0]!;
  if (provider === applicant) return bad('input.resources', `your unit provides ${codes.join(', ')} itself; it needs no application.`);

  const coordinates = [...new Set(input.fields)];
  for (const coordinate of coordinates) {
    const owner = catalog.resourceOf(coordinate);
    if (!owner || !codes.includes(owner.code)) {
      const where = owner ? `it belongs to ${owner.code}, which the application does not name` : 'it is not a catalog field';
      return bad('input.fields', `${coordinate}: ${where}. Name only fields of the resources applied for.`, coordinate);
    }
  }
  const unasked = resources.find((r) => !r.coordinates.some((c) => coordinates.includes(c)));
  if (unasked) return bad('input.fields', `no field of ${unasked.code} is named; name the fields you need (minimum necessary) or leave the resource out.`);

  if (!isIsoDate(input.validUntil)) return bad('input.validUntil', `'${input.validUntil}' is not a date written YYYY-MM-DD.`);
  const rowScope = [...new Set(input.rowScope ?? [])];
  const strange = rowScope.find((code) => !unitTree.has(code));
  if (strange !== undefined) return bad('input.rowScope', `${strange} is not a unit; name units whose records you need.`);

  const base = { resources, coordinates, rowScope, provider, validUntil: endOfChinaDay(input.validUntil), purpose: input.purpose.trim() };
  const notShared = resources.filter((r) => r.shareType === 'NOT_SHARED');
  if (notShared.length > 0) return ok({ ...base, endorser: null, disposition: { kind: 'NOT_SHARED', resources: notShared } });

  const needsPurpose = resources.find((r) => r.conditions.purposeRequired);
  if (needsPurpose && base.purpose === '') return bad('input.purpose', `${needsPurpose.code} is shared only for a stated purpose.`);
  const maxDays = Math.min(...resources.map((r) => r.conditions.maxValidityDays));
  const problem = validityProblem(input.validUntil, now, maxDays);
  if (problem) return bad('input.validUntil', problem);

  if (resources.every((r) => r.shareType === 'UNCONDITIONAL')) {
    return ok({ ...base, endorser: null, disposition: { kind: 'APPROVE_AT_ONCE' } });
  }
  return ok({ ...base, endorser: endorserFor(applicant, provider, unitTree), disposition: { kind: 'AWAIT' } });
}

/** What an applicant may change when it resubmits a declined application; every part defaults to what it asked before. */
export interface ResubmitInput {
  readonly fields?: ReadonlyArray<string> | null;
  readonly purpose?: string | null;
  readonly rowScope?: ReadonlyArray<string> | null;
  /** The last day of validity, `YYYY-MM-DD`. */
  readonly validUntil?: string | null;
}

/** The amended terms of a resubmitted application, checked as a new application would be. */
export type ResubmittedTerms = Pick<CheckedApplication, 'coordinates' | 'purpose' | 'rowScope' | 'validUntil'>;

type Declined = Pick<CheckedApplication, 'coordinates' | 'purpose' | 'rowScope' | 'validUntil'> & {
  readonly id: string;
  readonly applicant: string;
  readonly resources: ReadonlyArray<string>;
};

/**
 * Checks the terms of a declined application the applicant resubmits: it may
 * change its fields, purpose, row scope and validity — typically to meet the
 * endorser's reasons — but not its resources, which fix the provider and
 * endorser (another resource is another application). The amended terms pass
 * the same checks as `checkApplication` at the time of resubmission (minimum
 * necessary, the catalog's validity limit counted from now), and must still
 * await a decision: a resource the catalog has since made unconditional or
 * not shared is refused, to be applied for anew.
 */
export function checkResubmission(declined: Declined, input: ResubmitInput | null | undefined, context: ApplyContext): Outcome<ResubmittedTerms> {
  const lastDay = chinaDate(new Date(declined.validUntil.getTime() - 1));
  const checked = checkApplication({
    resources: declined.resources,
    fields: input?.fields ?? declined.coordinates,
    purpose: input?.purpose ?? declined.purpose,
    rowScope: input?.rowScope ?? declined.rowScope,
    validUntil: input?.validUntil ?? lastDay,
  }, context);
  if (!checked.ok) return refused(renamed(checked.error));
  if (checked.value.disposition.kind !== 'AWAIT') {
    return refused(errors.badUserInput('id', `the catalog no longer shares ${declined.resources.join(', ')} on conditions; apply anew instead of resubmitting ${declined.id}.`));
  }
  const { coordinates, purpose, rowScope, validUntil } = checked.value;
  return ok({ coordinates, purpose, rowScope, validUntil });
}

/** A refusal of the amended terms names the argument of resubmitShareApplication (`amendments.fields`), not of applyForShare. */
function renamed(error: ErrorShape): ErrorShape {
  const argument = error.extensions.argument;
  if (typeof argument !== 'string' || !argument.startsWith('input.')) return error;
  const amended = `amendments.${argument.slice('input.'.length)}`;
  return { message: error.message.replace(`Argument ${argument}:`, `Argument ${amended}:`), extensions: { ...error.extensions, argument: amended } };
}
