// Public surface of the relay protocol shared by client, server and trainer: roles, close codes and
// y-websocket message types.
export * from './roles.ts';
export * from './close-codes.ts';
export * from './messages.ts';
