export * from './ai';
export * from './api-keys';
export * from './delegation';
export * from './monitors';
export * from './rate-limits';
export * from './tasks';
export * from './users';
