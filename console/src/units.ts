import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { UnitsDocument, type UnitsQuery } from './gql/graphql';

export type PoolUnit = UnitsQuery['units'][number];

/**
 * The pool's unit directory, once per page load: the workflow stores unit
 * codes, people read names. A code the directory does not know is shown as is.
 */
export function useUnits(): { units: ReadonlyArray<PoolUnit>; unitName: (code: string | null | undefined) => string } {
  const [{ data }] = useQuery({ query: UnitsDocument, requestPolicy: 'cache-first' });
  const units = useMemo(() => data?.units ?? [], [data]);
  const byCode = useMemo(() => new Map(units.map((unit) => [unit.code, unit.name])), [units]);
  const unitName = useCallback((code: string | null | undefined) => (code ? byCode.get(code) ?? code : '—'), [byCode]);
  return { units, unitName };
}
