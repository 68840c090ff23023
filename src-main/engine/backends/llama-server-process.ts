import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

import { AppError } from '../../domain/errors';
import { isHealthy, type HttpTarget } from './llama-server-http';

export interface ServerLaunch {
  binaryPath: string;
  modelPath: string;
  mmprojPath?: string;
  /** Context per slot; the server gets slots × this. */
  contextSize: number;
  slots: number;
  threads?: number;
  gpuLayers: number;
  /** Logical batch (-b); 512 matches the binding backend, so both evaluate prompts in the same chunks. */
  batchSize?: number;
  /** --cache-reuse N: reuse cached chunks of at least N tokens by KV shifting (0 = only a common prefix). */
  cacheReuse?: number;
  startTimeoutMs?: number;
  /** Every line the server prints, for a log. */
  onLine?: (line: string) => void;
}

const TAIL_LINES = 40;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A server must never outlive the app: kill every child when this process exits, however it exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** On Linux, `setpriv --pdeathsig` makes the kernel kill the server even if this process is SIGKILLed. */
function parentDeathWrapper(): string[] {
  if (process.platform !== 'linux') return [];
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
  return setpriv === undefined ? [] : [setpriv, '--pdeathsig', 'SIGKILL', '--'];
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function serverArgs(launch: ServerLaunch, port: number): string[] {
  return [
    '--host', '127.0.0.1',
    '--port', String(port),
    '-m', launch.modelPath,
    ...(launch.mmprojPath !== undefined ? ['--mmproj', launch.mmprojPath] : []),
    '-c', String(launch.contextSize * launch.slots),
    '--parallel', String(launch.slots),
    '-b', String(launch.batchSize ?? 512),
    '-ngl', String(launch.gpuLayers),
    ...(launch.threads !== undefined ? ['-t', String(launch.threads)] : []),
    '--cache-reuse', String(launch.cacheReuse ?? 0),
    '--jinja',
    '--no-webui',
  ]; // prettier-ignore
}

/** A llama-server child process on loopback, with a random port and a per-start random API key. */
export class ManagedServer {
  private exitInfo: { code: number | null; signal: string | null } | null = null;
  private killed = false;
  private readonly tail: string[] = [];
  private readonly exitListeners = new Set<(info: { code: number | null; signal: string | null }) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly target: HttpTarget,
    readonly launch: ServerLaunch,
  ) {
    live.add(child);
    const take = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line.trim() === '') continue;
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        launch.onLine?.(line);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('exit', (code, signal) => {
      live.delete(child);
      this.exitInfo = { code, signal };
      for (const listener of this.exitListeners) listener(this.exitInfo);
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** Running and not being stopped: safe to send requests to. */
  get alive(): boolean {
    return this.exitInfo === null && !this.killed;
  }

  get exited(): { code: number | null; signal: string | null } | null {
    return this.exitInfo;
  }

  onExit(listener: (info: { code: number | null; signal: string | null }) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** The server's last lines that look like problems, for error messages. */
  problems(): string {
    // Log lines start with a timestamp and a level ("0.00.007.203 E "): keep the message.
    const clean = this.tail.map((line) => line.replace(/^[\d.]+\s+[A-Z]\s+/, ''));
    const lines = clean.filter((line) =>
      /error|fail|invalid|unable|cannot|abort|terminate|exception|assert/i.test(line),
    );
    // The first problem line usually names the cause, the last ones what gave up.
    const picked =
      lines.length > 4
        ? [...lines.slice(0, 2), ...lines.slice(-2)]
        : lines.length > 0
          ? lines
          : clean.slice(-4);
    return [...new Set(picked)].join(' | ').slice(0, 700);
  }

  describeExit(): string {
    const info = this.exitInfo;
    if (info === null) return 'running';
    return info.signal !== null ? `killed by ${info.signal}` : `exit code ${info.code}`;
  }

  /** Starts the server and waits until /health says the model is loaded. */
  static async start(launch: ServerLaunch): Promise<ManagedServer> {
    if (!existsSync(launch.binaryPath))
      throw new AppError(
        'not_found',
        `The llama-server binary '${launch.binaryPath}' does not exist. Build one with npm run engine:build, or set the path of an existing llama-server.`,
        { file: launch.binaryPath },
      );
    installExitHook();
    const port = await freePort();
    const apiKey = randomBytes(24).toString('hex');
    const [wrapper, ...wrapperArgs] = parentDeathWrapper();
    const command = wrapper ?? launch.binaryPath;
    const args = [
      ...wrapperArgs,
      ...(wrapper !== undefined ? [launch.binaryPath] : []),
      ...serverArgs(launch, port),
    ];
    // The key goes through the environment, not argv, where every local user could read it with `ps`.
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LLAMA_API_KEY: apiKey },
      windowsHide: true,
    });
    const spawnError = new Promise<never>((_, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new AppError(
            error.code === 'ENOENT' ? 'not_found' : 'engine_failed',
            `llama-server '${launch.binaryPath}' could not start (${error.code ?? error.message}). Check the path and that it is executable.`,
            { file: launch.binaryPath },
          ),
        ),
      );
    });
    const server = new ManagedServer(child, { baseUrl: `http://127.0.0.1:${port}`, apiKey }, launch);
    try {
      await Promise.race([spawnError, server.waitUntilReady(launch.startTimeoutMs ?? 10 * 60_000)]);
    } catch (error) {
      server.kill();
      throw error;
    }
    return server;
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    while (Date.now() < deadline) {
      if (this.exitInfo !== null) {
        throw new AppError(
          'engine_failed',
          `llama-server stopped (${this.describeExit()}) while loading '${this.launch.modelPath}': ${this.problems() || 'no output'}`,
          { file: this.launch.modelPath },
        );
      }
      if (await isHealthy(this.target)) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(500, delay * 2);
    }
    throw new AppError(
      'engine_failed',
      `llama-server did not finish loading '${this.launch.modelPath}' within ${Math.round(timeoutMs / 1000)} s.`,
      { file: this.launch.modelPath },
    );
  }

  kill(): void {
    this.killed = true;
    if (this.exitInfo === null) this.child.kill('SIGKILL');
  }

  /** Asks politely (SIGTERM), then kills after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.exitInfo !== null) return;
    this.killed = true;
    const exited = new Promise<void>((resolve) => this.onExit(() => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
