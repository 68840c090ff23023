import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * A stand-in llama-server *process* for the supervision tests (no native build needed): it takes the
 * real command line, binds --port on 127.0.0.1, checks the API key from LLAMA_API_KEY like the real one,
 * answers 503 on /health while "loading", and forwards everything else to the recorded-protocol double
 * (DOUBLE_URL). FAKE_MODE makes it fail the ways a real server does.
 *   ok | load-error (exit 1 while loading) | crash-on-completion (exit mid-request) | ignore-term
 */
const SCRIPT = String.raw`#!/usr/bin/env node
const { existsSync } = require('node:fs');
const { createServer } = require('node:http');

const args = process.argv.slice(2);
const value = (name) => args[args.indexOf(name) + 1];
const mode = process.env.FAKE_MODE ?? 'ok';
const model = value('-m');
if (args.includes('--version')) {
  console.error('version: 0.5.0-dev (build 1, commit fake000)');
  process.exit(0);
}
if (mode === 'load-error' || !existsSync(model)) {
  console.error("gguf_init_from_file_impl: failed to read magic");
  console.error("llama_model_load: error loading model: llama_model_loader: failed to load model from " + model);
  console.error('srv    load_model: failed to load model, ' + "'" + model + "'");
  process.exit(1);
}
if (mode === 'ignore-term') process.on('SIGTERM', () => console.error('ignoring SIGTERM'));
const started = Date.now();
createServer(async (request, response) => {
  if (request.url === '/health') {
    const loading = Date.now() - started < 150;
    response.writeHead(loading ? 503 : 200, { 'Content-Type': 'application/json' });
    return response.end(loading ? '{"error":{"code":503,"message":"Loading model"}}' : '{"status":"ok"}');
  }
  if (request.headers.authorization !== 'Bearer ' + process.env.LLAMA_API_KEY) {
    response.writeHead(401, { 'Content-Type': 'application/json' });
    return response.end('{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}');
  }
  if (mode === 'crash-on-completion' && request.url === '/completion') {
    console.error('GGML_ASSERT(n_tokens > 0) failed');
    process.exit(134);
  }
  let body = '';
  for await (const chunk of request) body += chunk;
  const answer = await fetch(process.env.DOUBLE_URL + request.url, {
    method: request.method,
    headers: { 'Content-Type': 'application/json' },
    ...(request.method === 'POST' ? { body } : {}),
  });
  response.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
  response.end(Buffer.from(await answer.arrayBuffer()));
}).listen(Number(value('--port')), value('--host'), () => console.error('main: server is listening'));
`;

/** Writes the fake server as an executable file in `dir` and returns its path. */
export async function writeFakeServer(dir: string): Promise<string> {
  const path = join(dir, 'llama-server');
  await writeFile(path, SCRIPT.replace('#!/usr/bin/env node', `#!${process.execPath}`));
  await chmod(path, 0o755);
  return path;
}
