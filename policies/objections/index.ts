export * from './objection-target';
export * from './state-machine';
export * from './types';
