// The parts of zod/mini this code uses. Re-exporting these names (not the zod/mini namespace, which
// carries every locale) keeps the config bundle at a few KB; see docs/benchmarks.md.
export {
  _default,
  array,
  boolean,
  config,
  discriminatedUnion,
  int,
  literal,
  looseObject,
  maxLength,
  maximum,
  minLength,
  minimum,
  nonnegative,
  object,
  optional,
  pipe,
  positive,
  record,
  refine,
  regex,
  strictObject,
  string,
  transform,
  url,
} from 'zod/mini';
export type { infer, ZodMiniType } from 'zod/mini';
