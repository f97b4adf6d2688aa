import type { UnitTree } from '../unit-tree';
import { ALL_ROWS, NO_ROWS, partialScope, unionScope } from './row-scope';
import type { RowScope } from './types';

/**
 * The records in a unit's subtree (DESIGN.md "Units": a unit's jurisdiction is
 * its own subtree). Undefined for units that hold no records of their own —
 * support agencies, partner departments — and for codes the tree does not know
 * (a school since closed, a unit from another catalog version).
 */
export function subtreeScope(code: string, tree: UnitTree): RowScope | undefined {
  const unit = tree.get(code);
  switch (unit?.type) {
    case 'CITY_BUREAU':
      return ALL_ROWS;
    case 'DISTRICT_BUREAU':
      return partialScope([unit.code], schoolsBelow(unit.code, tree));
    case 'SCHOOL':
      return partialScope([], [unit.code]);
    default:
      return undefined;
  }
}

/**
 * A grant's row scope (unit codes) as records. An empty list reaches every
 * record of the resource. A code of a support agency or partner department
 * names no records, so it adds nothing (and is not read as "everything"): a
 * grant whose list holds only such codes reaches no record at all.
 */
export function grantRowScope(codes: ReadonlyArray<string>, tree: UnitTree): RowScope {
  if (codes.length === 0) return ALL_ROWS;
  return codes.reduce<RowScope>((scope, code) => {
    const reached = subtreeScope(code, tree);
    return reached === undefined ? scope : unionScope(scope, reached);
  }, NO_ROWS);
}

/** Every school in the subtree below `code`, at any depth. */
function schoolsBelow(code: string, tree: UnitTree): string[] {
  return tree.children(code).flatMap((child) =>
    child.type === 'SCHOOL' ? [child.code, ...schoolsBelow(child.code, tree)] : schoolsBelow(child.code, tree),
  );
}
