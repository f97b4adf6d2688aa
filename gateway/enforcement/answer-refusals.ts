import type { GraphQLFormattedError } from 'graphql';
import { errors } from '../../policies/errors';
import { PLACEHOLDER_KEY, type RefusedSelection } from './strip-refused-fields';

/**
 * After execution: every refused selection is answered at its path, as null
 * in the data (the shape the client asked for) and one error with our code.
 */
export function answerRefusals(
  data: Record<string, unknown> | null | undefined,
  refused: ReadonlyArray<RefusedSelection>,
  placeholders: boolean,
  declaredPurpose?: string,
): GraphQLFormattedError[] {
  if (data) {
    for (const selection of refused) setNull(data, selection.path, 0);
    if (placeholders) removePlaceholders(data);
  }
  return refused.map((selection) => {
    const shape = selection.code === 'NOT_SHARED'
      ? errors.notShared(selection.coordinate, selection.resource, selection.legalBasis ?? '')
      : errors.notGranted(selection.coordinate, selection.resource, selection.reason, declaredPurpose);
    return { message: shape.message, path: [...selection.path], extensions: { ...shape.extensions } };
  });
}

/** The refusal errors alone, for whole-request rejection. */
export function refusalErrors(refused: ReadonlyArray<RefusedSelection>, declaredPurpose?: string): GraphQLFormattedError[] {
  return answerRefusals(undefined, refused, false, declaredPurpose);
}

function setNull(value: unknown, path: ReadonlyArray<string>, depth: number): void {
  if (value === null || typeof value !== 'object') return;
  const key = path[depth]!;
  if (key === '@') {
    if (Array.isArray(value)) for (const item of value) setNull(item, path, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (depth === path.length - 1) {
    record[key] = null;
    return;
  }
  // Absent (not null): the field was removed because all it selected was refused; rebuild its shape.
  if (record[key] === undefined) record[key] = path[depth + 1] === '@' ? null : {};
  setNull(record[key], path, depth + 1);
}

function removePlaceholders(data: Record<string, unknown>): void {
  delete data[PLACEHOLDER_KEY];
}

/** How many non-null values fill the given response paths (`@` = every list item). */
export function countValues(data: unknown, path: ReadonlyArray<string>, depth = 0): number {
  if (data === null || data === undefined) return 0;
  if (depth === path.length) return 1;
  const key = path[depth]!;
  if (key === '@') {
    return Array.isArray(data) ? data.reduce((sum: number, item) => sum + countValues(item, path, depth + 1), 0) : 0;
  }
  if (typeof data !== 'object') return 0;
  return countValues((data as Record<string, unknown>)[key], path, depth + 1);
}
