export * from './coverage';
export * from './default-catalog';
export * from './load-catalog';
export * from './resource';
export * from './rate-limit';
