import type { z } from 'zod';

import { AppError, toErrorPayload, type ErrorPayload } from '../domain/errors';
import { contract, type Contract, type DomainName, type MethodName } from '../contract';
import type { MethodSpec, OutputOf, ParsedInputOf } from '../contract/define';

/** Which door a call came through; handlers may use it, e.g. to refuse a folder picker outside Electron. */
export interface CallContext {
  door: 'ipc' | 'http' | 'cli' | 'test';
}

export type DomainHandlers<D extends DomainName> = {
  [M in MethodName<D>]: (
    input: ParsedInputOf<Contract[D][M]>,
    ctx: CallContext,
  ) => Promise<OutputOf<Contract[D][M]>>;
};

export type Handlers = { [D in DomainName]: DomainHandlers<D> };

export type ApiResult = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** Validates the input of every call against the contract, then runs the handler. */
export class Dispatcher {
  constructor(private readonly handlers: Handlers) {}

  async invoke(name: string, rawInput: unknown, ctx: CallContext): Promise<ApiResult> {
    try {
      return { ok: true, value: await this.call(name, rawInput, ctx) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  }

  /** Like `invoke` but throws the AppError; used by the CLI. */
  async call(name: string, rawInput: unknown, ctx: CallContext): Promise<unknown> {
    if (typeof name !== 'string') throw new AppError('invalid_input', 'The method name must be a string.');
    const [domain, methodName, ...rest] = name.split('.');
    const domainSpec =
      domain !== undefined && Object.hasOwn(contract, domain) ? contract[domain as DomainName] : undefined;
    const spec: MethodSpec | undefined =
      domainSpec !== undefined &&
      methodName !== undefined &&
      rest.length === 0 &&
      Object.hasOwn(domainSpec, methodName)
        ? (domainSpec as Record<string, MethodSpec>)[methodName]
        : undefined;
    if (spec === undefined || domain === undefined || methodName === undefined) {
      throw new AppError('not_found', `Unknown API method '${name.slice(0, 80)}'.`);
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new AppError('invalid_input', `Invalid input for ${name}: ${formatIssues(parsed.error.issues)}`);
    }
    // The contract and the handler table are keyed identically (checked by the type of `Handlers`).
    const handler = (
      this.handlers[domain as DomainName] as Record<
        string,
        (input: unknown, ctx: CallContext) => Promise<unknown>
      >
    )[methodName];
    if (handler === undefined) throw new AppError('internal', `No handler for ${name}.`);
    return handler(parsed.data, ctx);
  }
}
