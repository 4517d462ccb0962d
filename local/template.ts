// Reads template.yaml as SAM/CloudFormation does: short-form intrinsic tags (!Ref, !GetAtt, !Sub…)
// become their long form, and `resolve` evaluates them against parameter values and local names.
import { readFileSync } from 'node:fs';
import { parse, type ScalarTag, type CollectionTag } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type TemplateValue = Json;

export interface Template {
  Parameters?: Record<string, { Type: string; Default?: string | number }>;
  Globals?: { Function?: Record<string, Json> };
  Resources: Record<string, { Type: string; Properties?: Record<string, Json>; Metadata?: Record<string, Json> }>;
  Outputs?: Record<string, Json>;
}

const INTRINSICS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Cidr',
  'Transform',
];

function longName(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

const cloudFormationTags: Array<ScalarTag | CollectionTag> = INTRINSICS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [longName(name)]: name === 'GetAtt' ? value.split('.') : value }),
  } as ScalarTag,
  {
    tag: `!${name}`,
    collection: 'seq',
    resolve: (seq: { toJSON(): unknown }) => ({ [longName(name)]: seq.toJSON() }),
  } as CollectionTag,
  {
    tag: `!${name}`,
    collection: 'map',
    resolve: (map: { toJSON(): unknown }) => ({ [longName(name)]: map.toJSON() }),
  } as CollectionTag,
]);

export function parseTemplate(text: string): Template {
  return parse(text, { customTags: cloudFormationTags, merge: true }) as Template;
}

export function loadTemplate(path: string): Template {
  return parseTemplate(readFileSync(path, 'utf8'));
}

export interface ResolveContext {
  parameters: Record<string, string>;
  /** Local stand-ins for resource references: `Ref` → name, `GetAtt X.Arn` → `X.Arn`. */
  resources: Record<string, string>;
}

/** Evaluates the intrinsic functions our template uses; anything else is an error, not a guess. */
export function resolve(value: Json | undefined, ctx: ResolveContext): Json | undefined {
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const arg = value[key] as Json;
    if (key === 'Ref') return reference(String(arg), ctx);
    if (key === 'Fn::GetAtt') {
      const [name, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
      return ctx.resources[`${name}.${attribute}`] ?? `${name}.${attribute}`;
    }
    if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(arg)
        ? [String(arg[0]), (arg[1] ?? {}) as Record<string, Json>]
        : [String(arg), {}];
      return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) =>
        String(
          name in vars
            ? resolve(vars[name], ctx)
            : name.includes('.')
              ? resolve({ 'Fn::GetAtt': name }, ctx)
              : reference(name, ctx),
        ),
      );
    }
    if (key === 'Fn::Join' && Array.isArray(arg)) {
      const items = resolve(arg[1], ctx);
      return (Array.isArray(items) ? items : []).join(String(arg[0]));
    }
    if (key.startsWith('Fn::')) throw new Error(`local template: ${key} is not supported`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ctx) ?? null]));
}

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::StackName': 'bc-loyalty-local',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Partition': 'aws',
  'AWS::NoValue': '',
};

function reference(name: string, ctx: ResolveContext): string {
  if (name in ctx.parameters) return ctx.parameters[name] as string;
  if (name in ctx.resources) return ctx.resources[name] as string;
  if (name in PSEUDO) return PSEUDO[name] as string;
  return name;
}

/** Parameter values: the template's defaults, then the given overrides. */
export function parameterValues(template: Template, overrides: Record<string, string> = {}): Record<string, string> {
  const defaults = Object.fromEntries(
    Object.entries(template.Parameters ?? {})
      .filter(([, p]) => p.Default !== undefined)
      .map(([name, p]) => [name, String(p.Default)]),
  );
  return { ...defaults, ...overrides };
}
