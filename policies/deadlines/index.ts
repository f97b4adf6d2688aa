export * from './chinese-holidays';
export * from './response-deadline';
export * from './working-calendar';
