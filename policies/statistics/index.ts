export * from './dimensions';
export * from './definitions';
export * from './suppression';
export * from './request';
