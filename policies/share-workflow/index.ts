/**
 * The sharing workflow (Measures 第五章; DESIGN.md "Units, tokens, grants") as
 * pure functions: checking an application, routing it to its endorser and
 * provider, who may move it where, the conditions of an approval, deadlines.
 * The governance subgraph calls these and the store records what they decide.
 */
export * from './check-application';
export * from './check-conditions';
export * from './deadline';
export * from './person-roles';
export * from './state-machine';
export * from './types';
export * from './validity';
