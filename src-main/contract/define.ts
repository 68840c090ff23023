import type { z } from 'zod';

/**
 * One API method: a zod schema for its input and, as a phantom type, its result.
 * The schema validates every call at every door; the result type flows to the renderer and the CLI.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly summary: string;
  /** Never set at run time; carries the result type. */
  readonly output?: O;
}

/** `method(schema, 'summary').returns<Result>()` — curried so the input type is inferred and the output named. */
export function method<I extends z.ZodType>(input: I, summary: string) {
  return {
    returns<O>(): MethodSpec<I, O> {
      return { input, summary };
    },
  };
}

export type DomainSpec = Record<string, MethodSpec>;

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;
