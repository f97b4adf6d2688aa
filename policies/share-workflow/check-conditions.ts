import type { Catalog, MaskKind } from '../catalog';
import { errors } from '../errors';
import type { UnitTree } from '../unit-tree';
import { chinaDate, endOfChinaDay, isIsoDate } from './validity';
import { ok, refused, type DecidedConditions, type Outcome, type ShareApplication } from './types';

/** The conditions a provider attaches when approving; every part is optional and defaults to what was asked. */
export interface ConditionsInput {
  readonly fields?: ReadonlyArray<string> | null;
  readonly rowScope?: ReadonlyArray<string> | null;
  readonly masks?: ReadonlyArray<{ readonly coordinate: string; readonly mask: MaskKind }> | null;
  readonly purpose?: string | null;
  /** The last day of validity, `YYYY-MM-DD`. */
  readonly validUntil?: string | null;
}

/** One grant to make: the decided conditions cut to one resource. */
export interface GrantDraft {
  readonly resource: string;
  readonly coordinates: ReadonlyArray<string>;
  readonly rowScope: ReadonlyArray<string>;
  readonly masks: Readonly<Record<string, ReadonlyArray<MaskKind>>>;
  readonly purpose: string;
  readonly validUntil: Date;
}

/** What the application asked for: the conditions default to it and may only narrow it. */
export type AskedConditions = Pick<ShareApplication, 'resources' | 'coordinates' | 'rowScope' | 'purpose' | 'validUntil'>;

export interface Decided {
  readonly conditions: DecidedConditions;
  readonly grants: ReadonlyArray<GrantDraft>;
}

/**
 * Fixes the conditions of an approval. They may only tighten the application
 * within what the catalog allows (Measures 解读之六: conditional sharing limits
 * scope or content): fields ⊆ asked, row scope inside the units asked, masks
 * only those the catalog lists for the field, validity no later than asked.
 * A violation is BAD_USER_INPUT naming the argument (`conditions.masks` …).
 *
 * Each resource gets one grant with the decided fields that are its own; a
 * resource left with no field gets none. A row scope applies to resources the
 * catalog limits by rows; the others are granted over all their records.
 */
export function decideConditions(
  application: AskedConditions, input: ConditionsInput | null | undefined, catalog: Catalog, unitTree: UnitTree, now: Date,
): Outcome<Decided> {
  const bad = (argument: string, why: string, coordinate?: string) => refused<Decided>(errors.badUserInput(argument, why, coordinate));
  const asked = application.coordinates;

  const coordinates = input?.fields ? [...new Set(input.fields)] : [...asked];
  if (coordinates.length === 0) return bad('conditions.fields', 'approve at least one field, or reject the application.');
  const unasked = coordinates.find((c) => !asked.includes(c));
  if (unasked !== undefined) return bad('conditions.fields', `${unasked} was not asked for; conditions may only narrow the fields.`, unasked);

  const rowScope = input?.rowScope ? [...new Set(input.rowScope)] : [...application.rowScope];
  if (input?.rowScope && rowScope.length === 0 && application.rowScope.length > 0) {
    return bad('conditions.rowScope', `an empty row scope means every record, wider than the ${application.rowScope.join(', ')} asked.`);
  }
  for (const code of rowScope) {
    if (!unitTree.has(code)) return bad('conditions.rowScope', `${code} is not a unit.`);
    if (application.rowScope.length > 0 && !application.rowScope.some((a) => unitTree.isWithin(code, a))) {
      return bad('conditions.rowScope', `${code} lies outside the row scope asked (${application.rowScope.join(', ')}).`);
    }
  }

  const masks: Record<string, MaskKind[]> = {};
  for (const { coordinate, mask } of input?.masks ?? []) {
    if (!coordinates.includes(coordinate)) return bad('conditions.masks', `${coordinate} is not among the approved fields.`, coordinate);
    const allowed = catalog.resourceOf(coordinate)?.conditions.masks[coordinate] ?? [];
    if (!allowed.includes(mask)) {
      const which = allowed.length > 0 ? `only ${allowed.join(' or ')}` : 'no mask';
      return bad('conditions.masks', `the catalog allows ${which} on ${coordinate}, not ${mask}.`, coordinate);
    }
    masks[coordinate] = [...new Set([...(masks[coordinate] ?? []), mask])];
  }

  const purpose = input?.purpose != null ? input.purpose.trim() : application.purpose;
  const needsPurpose = application.resources.find((code) => catalog.byCode(code)?.conditions.purposeRequired);
  if (purpose === '' && needsPurpose) return bad('conditions.purpose', `${needsPurpose} is shared only for a stated purpose.`);

  let validUntil = application.validUntil;
  if (input?.validUntil != null) {
    if (!isIsoDate(input.validUntil)) return bad('conditions.validUntil', `'${input.validUntil}' is not a date written YYYY-MM-DD.`);
    validUntil = endOfChinaDay(input.validUntil);
    if (validUntil > application.validUntil) return bad('conditions.validUntil', `${input.validUntil} is later than the validity asked; conditions may only shorten it.`);
  }
  if (validUntil <= now) {
    const why = input?.validUntil != null
      ? `${input.validUntil} has passed (today is ${chinaDate(now)}).`
      : `the validity asked has ended (today is ${chinaDate(now)}); reject the application so that the applicant can apply again.`;
    return bad('conditions.validUntil', why);
  }

  const conditions: DecidedConditions = { coordinates, rowScope, masks, purpose, validUntil };
  return ok({ conditions, grants: grantDrafts(application, conditions, catalog) });
}

function grantDrafts(application: AskedConditions, conditions: DecidedConditions, catalog: Catalog): GrantDraft[] {
  return application.resources.flatMap((code) => {
    const resource = catalog.byCode(code);
    const own = conditions.coordinates.filter((c) => resource?.coordinates.includes(c));
    if (!resource || own.length === 0) return [];
    const masks = Object.fromEntries(Object.entries(conditions.masks).filter(([c]) => own.includes(c)));
    const rowScope = resource.conditions.rowScope ? conditions.rowScope : [];
    return [{ resource: code, coordinates: own, rowScope, masks, purpose: conditions.purpose, validUntil: conditions.validUntil }];
  });
}
