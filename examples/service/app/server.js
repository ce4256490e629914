// The example service: a dependency-free HTTP server. GET /health answers 200 with a small JSON body
// naming the image it was baked into (the build writes /etc/imgbuild-service/build.json).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { hostname } from 'node:os';

const port = Number(process.env.PORT ?? 8080);
const started = new Date().toISOString();
let build = {};
try {
  build = JSON.parse(readFileSync('/etc/imgbuild-service/build.json', 'utf8'));
} catch {
  // Running outside the image (e.g. `node app/server.js` on a workstation).
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://service').pathname;
  if (req.method === 'GET' && path === '/health') {
    const body = JSON.stringify({ status: 'ok', host: hostname(), started, build });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
});

server.listen(port, () => console.log(`service listening on :${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
