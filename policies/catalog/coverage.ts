/** The result of checking that a catalog leaves no field of the schema unclassified. */
export interface CoverageReport {
  readonly complete: boolean;
  /** Declared coordinates that no resource lists, in declaration order. */
  readonly uncovered: ReadonlyArray<string>;
}

/**
 * Every declared coordinate must belong to a resource: a field outside the
 * catalog has no share type, so the subgraph rules could only deny it, and a
 * gap here is a catalog defect rather than a policy.
 */
export function coordinatesCoverage(
  resources: ReadonlyArray<{ readonly coordinates: ReadonlyArray<string> }>,
  declared: Iterable<string>,
): CoverageReport {
  const covered = new Set(resources.flatMap((resource) => resource.coordinates));
  const uncovered = Object.freeze([...declared].filter((coordinate) => !covered.has(coordinate)));
  return Object.freeze({ complete: uncovered.length === 0, uncovered });
}
