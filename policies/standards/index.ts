export * from './divisions';
export * from './ethnicity';
export * from './gender';
export * from './grade';
export * from './id-number';
export * from './school';
export * from './student-status';
export * from './teacher-title';
