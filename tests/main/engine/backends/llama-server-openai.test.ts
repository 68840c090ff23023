import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { OpenAiChatBackend } from '../../../../src-main/engine/backends/llama-server-openai';
import { useTempDirs } from '../../../helpers/temp-dir';
import { startServerDouble, type ServerDouble } from './llama-server-double';

const KEY = 'openai-style-key';
const SPEC = { modelPath: 'model.gguf', variant: 'default' as const, gpuLayers: 0, contextSize: 2048 };
const SAMPLING = { temperature: 0.8, topP: 0.9, seed: 3, maxTokens: 2, stop: ['\n'] };

describe('OpenAiChatBackend against a recorded chat-completions stream', () => {
  const tempDir = useTempDirs();
  let double: ServerDouble;

  beforeEach(async () => {
    double = await startServerDouble({ apiKey: KEY });
  });
  afterEach(async () => {
    await double.close();
  });

  it('picks the model, streams the text, reports usage and sends the image as a data URL', async () => {
    const backend = new OpenAiChatBackend({ baseUrl: `${double.url}/v1/`, apiKey: KEY });
    expect(await backend.load(SPEC)).toMatchObject({
      modelPath: 'model.gguf',
      backend: `OpenAI-compatible server at ${double.url}/v1`,
    });
    const image = join(await tempDir(), 'picture.png');
    await writeFile(image, Buffer.from([137, 80, 78, 71]));
    const pieces: string[] = [];
    const result = await backend.generate(
      {
        system: 'Be brief.',
        user: 'What is shown?',
        imagePath: image,
        imageAfterText: true,
        sampling: SAMPLING,
      },
      (piece) => pieces.push(piece),
    );
    expect(result).toMatchObject({
      text: ' ph disagree',
      promptTokens: 8,
      completionTokens: 2,
      interrupted: false,
    });
    expect(pieces).toEqual([' ph', ' disagree']);
    expect(double.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: {
        model: 'model.gguf',
        temperature: 0.8,
        top_p: 0.9,
        seed: 3,
        max_tokens: 2,
        stop: ['\n'],
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is shown?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
            ],
          },
        ],
      },
    });
  });

  it('refuses to score, naming why, and an unknown model or a dead server clearly', async () => {
    const backend = new OpenAiChatBackend({ baseUrl: double.url, apiKey: KEY });
    await backend.load(SPEC);
    await expect(backend.scoreBatch()).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('only generate text') as unknown,
    });
    await expect(
      new OpenAiChatBackend({ baseUrl: double.url, apiKey: KEY, model: 'llava-72b' }).load(SPEC),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining("no model 'llava-72b' (it has: model.gguf)") as unknown,
    });
    double.fault = 'garbage';
    await expect(backend.generate({ user: 'Hi', sampling: SAMPLING })).rejects.toMatchObject({
      code: 'engine_failed',
    });
    await double.close();
    await expect(backend.generate({ user: 'Hi', sampling: SAMPLING })).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('connection to the server failed') as unknown,
    });
  });
});
