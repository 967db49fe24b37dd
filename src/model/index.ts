export * from './status.js';
export * from './json.js';
export * from './job-state.js';
export * from './input.js';
