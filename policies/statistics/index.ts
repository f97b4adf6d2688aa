export * from './dimensions';
export * from './definitions';
export * from './cell-key';
export * from './request';
