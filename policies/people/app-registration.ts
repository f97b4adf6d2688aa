import type { Catalog } from '../catalog';
import { errors } from '../errors';
import type { Permissions } from '../permissions/types';
import { ok, refused, type Outcome } from '../share-workflow/types';

/**
 * What an app may be registered for. An app reads as its unit, narrowed to
 * its scope, so its scope names only catalog resources the unit can read
 * now: at least one field open to it (open data, its own jurisdiction, or a
 * grant it holds). A resource that is not shared is refused with its legal
 * basis; one the unit would have to apply for is refused naming the resource
 * to apply for (register the app once the grant is made). A declared purpose
 * is required: every read the app makes is audited under it.
 */
export const MAX_APP_NAME_LENGTH = 100;
export const MAX_APP_PURPOSE_LENGTH = 200;

export interface AppRegistrationInput {
  readonly name: string;
  readonly scope: ReadonlyArray<string>;
  readonly purpose: string;
}

/**
 * `access` is the unit's permissions under each purpose it holds grants for
 * (a grant fixed to a purpose opens its fields only under that purpose), the
 * same sets that make up the unit's access in the catalog page.
 */
export function checkAppRegistration(
  input: AppRegistrationInput, catalog: Catalog, access: ReadonlyArray<Permissions>,
): Outcome<AppRegistrationInput> {
  const name = input.name.trim();
  if (name === '' || name.length > MAX_APP_NAME_LENGTH) {
    return refused(errors.badUserInput('input.name', `give the app a name of 1 to ${MAX_APP_NAME_LENGTH} characters.`));
  }
  const purpose = input.purpose.trim();
  if (purpose === '' || purpose.length > MAX_APP_PURPOSE_LENGTH) {
    return refused(errors.badUserInput('input.purpose', `declare what the app reads the data for, in 1 to ${MAX_APP_PURPOSE_LENGTH} characters.`));
  }
  const scope = [...new Set(input.scope.map((code) => code.trim()))].sort();
  if (scope.length === 0) return refused(errors.badUserInput('input.scope', 'name at least one catalog resource the app reads (its code, e.g. GZJY-XS-001).'));
  for (const code of scope) {
    const resource = catalog.byCode(code);
    if (!resource) return refused(errors.badUserInput('input.scope', `${code} is not a catalog resource; the catalog query lists them.`));
    const permissions = access.map((set) => resource.coordinates.map((coordinate) => set.coordinates[coordinate]));
    if (permissions.some((set) => set.some((permission) => permission?.allowed))) continue;
    const coordinate = resource.coordinates[0]!;
    if (resource.shareType === 'NOT_SHARED') return refused(errors.notShared(coordinate, code, resource.legalBasis ?? 'the catalog'));
    return refused(errors.notGranted(coordinate, code));
  }
  return ok({ name, scope, purpose });
}
