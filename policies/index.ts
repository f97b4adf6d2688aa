/**
 * policies/: the data resource catalog and the policy logic of the pool. Pure
 * data and pure functions; the gateway and every subgraph import it, so it is
 * the one place that says which field belongs to which resource.
 *
 * Terms
 * - coordinate: a field of the unified schema as `Type.field` (`Student.idNumber`).
 *   The catalog is keyed by coordinate; every declared coordinate belongs to
 *   exactly one resource.
 * - share type: how a catalog resource is shared under the Measures:
 *   UNCONDITIONAL (granted at once on application), CONDITIONAL (the provider
 *   decides within the deadline and may attach conditions) or NOT_SHARED
 *   (served to no one; the refusal cites the resource's legal basis).
 * - grant: what an approved application gives one unit: a resource, some of its
 *   fields, and the conditions, for a limited time.
 * - condition: a limit a grant carries: row scope, masks, purpose, validity.
 *   The catalog states the most a grant on each resource may carry.
 * - row scope: which records a grant reaches, as a unit whose jurisdiction
 *   (subtree of the unit tree) the records must fall in.
 * - mask: a blurring applied to a field's value before it is returned
 *   (`张*`, `138****1234`, an ID number cut to region and check character).
 */
export * from './catalog';
export * from './coordinates';
export * from './standards';
export * from './unit-tree';
export * from './units';
export * from './errors';
export * from './permissions';
export * from './masks';
export * from './deadlines';
export * from './statistics';
