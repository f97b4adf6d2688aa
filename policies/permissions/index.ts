export * from './types';
export * from './effective-permissions';
export * from './active-grants';
export * from './row-scope';
export * from './unit-scope';
export * from './lookups';
export * from './serialize';
export * from './anonymous';
