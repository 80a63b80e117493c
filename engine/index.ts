// Re-exports only.
export * from './bundle.ts';
export * from './scenario.ts';
export * from './geography.ts';
