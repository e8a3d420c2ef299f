export * from './client';
export * from './env';
export * from './location';
export * from './migrate';
export * as schema from './schema/index';
