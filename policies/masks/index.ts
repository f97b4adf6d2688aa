export * from './mask-order';
export * from './mask-value';
