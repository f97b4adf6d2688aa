import { errors } from './errors';
import type { Outcome } from './share-workflow/types';
import { CITY_DIVISION_CODE } from './standards';
import type { UnitTree } from './unit-tree';

/**
 * Who may revoke a unit's tokens (one token by its jti, or all it holds):
 * - the unit itself (a leaked token is best stopped by its holder);
 * - an education department whose jurisdiction holds the unit: it governs
 *   that unit, as it governs the unit's records (DESIGN.md "Units");
 * - the city bureau for every unit, partner departments included, whose data
 *   office supervises the pool (Measures 第八章).
 * Nobody else: a partner department or a school may not stop another unit's
 * access, even one it provides data to (it revokes the grant instead).
 */
export function mayRevokeTokensOf(actor: string, unit: string, unitTree: UnitTree, argument = 'unit'): Outcome<void> {
  if (!unitTree.has(unit)) return { ok: false, error: errors.badUserInput(argument, `${unit} is not a unit of the pool.`) };
  if (actor === unit || actor === CITY_DIVISION_CODE || unitTree.isWithin(unit, actor)) return { ok: true, value: undefined };
  return {
    ok: false,
    error: errors.forbidden(
      `revoke tokens of ${unit}`,
      `only the unit itself, an education department whose jurisdiction holds it, or the city bureau ${CITY_DIVISION_CODE} may.`,
    ),
  };
}

/**
 * The longest a token may live (platform/tokens issues none longer), so a
 * revocation recorded by jti alone can be forgotten this long after it was made.
 */
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
