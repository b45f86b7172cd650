// Benchmark baseline process: the stock @y/websocket-server 0.1.1 (in memory, no auth, no
// validation, no persistence) serving `/yjs/<room>`. Prints `{"url", "pid"}` once listening.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  const docName = decodeURIComponent((req.url ?? '/').split('?')[0]?.replace(/^\/yjs\//, '') ?? '');
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pid: process.pid }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
