// The bridge between the Yjs documents and the app: the ONLY place that observes Y types and starts
// Y transactions. Everything above it (view models, components) works with signals and plain data.
export * from './origins.ts';
export * from './labels-bridge.ts';
export * from './model-bridge.ts';
export * from './presence-bridge.ts';
export * from './connection-bridge.ts';
