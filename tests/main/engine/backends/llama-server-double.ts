import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/*
 * A recorded-protocol double of llama-server: a tiny node:http server on 127.0.0.1 that answers like the
 * real server does. The bodies below were recorded from the llama-server built from node-llama-cpp
 * 3.22.1's bundle (llama.cpp 0.5.0-dev, build b1-de3ff81) serving the tiny LLaVA pair, trimmed to the
 * fields the backend reads plus a few it must ignore. Faults reproduce what a broken server does.
 */

export const RECORDED_MARKER = '<__media_APg1MlpRXbUeuU4pxIv40d8QtTJzSAgY__>';

export const RECORDED_PROPS = {
  default_generation_settings: { params: { seed: 4294967295, temperature: 0.8, n_probs: 0 }, n_ctx: 2048 },
  total_slots: 1,
  model_alias: 'model.gguf',
  model_ftype: 'F16',
  model_path: 'model.gguf',
  modalities: { vision: true, video: true, audio: false },
  media_marker: RECORDED_MARKER,
  chat_template:
    "{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] }}\n\n{% elif message['role'] == 'user' %}USER: {{ message['content'] }}\n{% elif message['role'] == 'assistant' %}ASSISTANT: {{ message['content'] }}</s>\n{% endif %}{% endfor %}{% if add_generation_prompt %}ASSISTANT:{% endif %}",
  bos_token: '<s>',
  eos_token: '</s>',
  build_info: 'b1-de3ff81',
  is_sleeping: false,
};

export const RECORDED_MODELS = {
  object: 'list',
  data: [
    {
      id: 'model.gguf',
      aliases: ['model.gguf'],
      object: 'model',
      owned_by: 'llamacpp',
      meta: { vocab_type: 1, n_vocab: 1120, n_ctx: 2048, n_ctx_train: 4096, n_embd: 64, n_params: 217408 },
    },
  ],
};

export interface Candidate {
  id: number;
  token: string;
  logprob: number;
}

/** Recorded top candidates after "… Answer: (" (ids of the tiny vocabulary). */
export const RECORDED_CANDIDATES: Candidate[] = [
  { id: 744, token: 'agree', logprob: -2.035362720489502 },
  { id: 513, token: ' Option', logprob: -2.2785000801086426 },
  { id: 192, token: '\ufffd', logprob: -2.284377336502075 },
  { id: 997, token: ' Sw', logprob: -2.456427812576294 },
];

export function recordedCompletion(candidates: Candidate[], cacheN: number, promptN: number) {
  const top = candidates.map((entry) => ({ ...entry, bytes: [...Buffer.from(entry.token)] }));
  return {
    content: candidates[0]?.token ?? '',
    completion_probabilities: [{ ...(top[0] ?? {}), top_logprobs: top }],
    timings: { cache_n: cacheN, prompt_n: promptN, prompt_ms: 0.407, predicted_n: 1, predicted_ms: 0.001 },
    tokens_cached: cacheN + promptN,
    tokens_evaluated: cacheN + promptN,
    stop_type: 'limit',
  };
}

export const RECORDED_STREAM = [
  {
    index: 0,
    content: ' ph',
    tokens: [681],
    stop: false,
    id_slot: -1,
    tokens_predicted: 1,
    tokens_evaluated: 8,
  },
  {
    index: 0,
    content: ' rathe',
    tokens: [817],
    stop: false,
    id_slot: -1,
    tokens_predicted: 2,
    tokens_evaluated: 8,
  },
  {
    index: 0,
    content: 'wh',
    tokens: [612],
    stop: false,
    id_slot: -1,
    tokens_predicted: 3,
    tokens_evaluated: 8,
  },
  {
    index: 0,
    content: '',
    tokens: [],
    id_slot: 0,
    stop: true,
    model: 'model.gguf',
    tokens_predicted: 3,
    tokens_evaluated: 8,
    stop_type: 'limit',
    tokens_cached: 10,
    timings: { cache_n: 1, prompt_n: 7, prompt_ms: 0.3, predicted_n: 3, predicted_ms: 0.9 },
  },
];

/** Recorded from /v1/chat/completions with stream_options.include_usage (ids and timings trimmed). */
export const RECORDED_CHAT_STREAM = [
  {
    choices: [{ finish_reason: null, index: 0, delta: { role: 'assistant', content: null } }],
    model: 'model.gguf',
    object: 'chat.completion.chunk',
  },
  {
    choices: [{ finish_reason: null, index: 0, delta: { content: ' ph' } }],
    model: 'model.gguf',
    object: 'chat.completion.chunk',
  },
  {
    choices: [{ finish_reason: null, index: 0, delta: { content: ' disagree' } }],
    model: 'model.gguf',
    object: 'chat.completion.chunk',
  },
  {
    choices: [{ finish_reason: 'length', index: 0, delta: {} }],
    model: 'model.gguf',
    object: 'chat.completion.chunk',
  },
  {
    choices: [],
    model: 'model.gguf',
    object: 'chat.completion.chunk',
    usage: {
      completion_tokens: 2,
      prompt_tokens: 8,
      total_tokens: 10,
      prompt_tokens_details: { cached_tokens: 0 },
    },
  },
];

export type Fault =
  | 'none'
  /** 200 with an HTML page instead of JSON. */
  | 'garbage'
  /** 200 with JSON of the wrong shape (probabilities as strings). */
  | 'bad-shape'
  /** Accepts /completion and never answers. */
  | 'hang'
  /** Closes the connection in the middle of /completion, as a crashing process does. */
  | 'drop'
  /** The server's own error answer (recorded): HTTP 400 with an error object. */
  | 'http-400';

export interface DoubleOptions {
  apiKey?: string;
  candidates?: Candidate[];
  /** Tokens a prompt counts as; the first request on a slot caches nothing, later ones share the prefix. */
  promptTokens?: number;
}

export interface ServerDouble {
  url: string;
  port: number;
  fault: Fault;
  /** Bodies of every POST, in order. */
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** The tiny model's template for a string user turn, as /apply-template renders it. */
function applyTemplate(messages: { role: string; content: string }[]): string {
  return (
    messages
      .map((message) => (message.role === 'system' ? `${message.content}\n\n` : `USER: ${message.content}\n`))
      .join('') + 'ASSISTANT:'
  );
}

export async function startServerDouble(options: DoubleOptions = {}, port = 0): Promise<ServerDouble> {
  const sockets = new Set<Socket>();
  const double: ServerDouble = {
    url: '',
    port: 0,
    fault: 'none',
    requests: [],
    close: () => Promise.resolve(),
  };
  const slotCache = new Map<number, string>();
  const server = createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (path === '/health') return send(response, 200, { status: 'ok' });
      if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`)
        return send(response, 401, {
          error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' },
        });
      if (request.method === 'GET' && path === '/props') return send(response, 200, RECORDED_PROPS);
      if (request.method === 'GET' && path === '/v1/models') return send(response, 200, RECORDED_MODELS);
      const body = await readBody(request);
      double.requests.push({ path, body });
      if (path === '/apply-template')
        return send(response, 200, {
          prompt: applyTemplate(body.messages as { role: string; content: string }[]),
        });
      if (path === '/v1/chat/completions' && double.fault === 'none') {
        response.writeHead(200, { 'Content-Type': 'text/event-stream' });
        for (const event of RECORDED_CHAT_STREAM) response.write(`data: ${JSON.stringify(event)}\n\n`);
        return response.end('data: [DONE]\n\n');
      }
      if (path !== '/completion' && path !== '/v1/chat/completions')
        return send(response, 404, {
          error: { code: 404, message: 'File Not Found', type: 'not_found_error' },
        });
      switch (double.fault) {
        case 'hang':
          return; // never answers
        case 'drop':
          return request.socket.destroy();
        case 'garbage':
          response.writeHead(200, { 'Content-Type': 'text/html' });
          return response.end('<html><body>502 Bad Gateway</body></html>');
        case 'bad-shape':
          return send(response, 200, {
            completion_probabilities: [{ top_logprobs: [{ id: 'A', logprob: 'high' }] }],
          });
        case 'http-400':
          return send(response, 400, {
            error: {
              code: 400,
              message: "Field 'n_probs': [json.exception.type_error.302] type must be number, but is string",
              type: 'invalid_request_error',
            },
          });
        case 'none':
          break;
      }
      if (body.stream === true) {
        response.writeHead(200, { 'Content-Type': 'text/event-stream' });
        for (const event of RECORDED_STREAM) response.write(`data: ${JSON.stringify(event)}\n\n`);
        return response.end();
      }
      const prompt = JSON.stringify(body.prompt);
      const slot = typeof body.id_slot === 'number' ? body.id_slot : 0;
      const total = options.promptTokens ?? 100;
      const cached = body.cache_prompt !== false && slotCache.has(slot) ? Math.min(total - 1, 70) : 0;
      slotCache.set(slot, prompt);
      return send(
        response,
        200,
        recordedCompletion(options.candidates ?? RECORDED_CANDIDATES, cached, total - cached),
      );
    })().catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  double.port = (server.address() as AddressInfo).port;
  double.url = `http://127.0.0.1:${double.port}`;
  double.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return double;
}
