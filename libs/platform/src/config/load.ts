import type { z } from 'zod';

/** Any zod object schema over environment variables. */
// biome-ignore lint/suspicious/noExplicitAny: the object config (strict, loose, strip) does not matter here
export type EnvSchema = z.ZodObject<z.ZodRawShape, any>;

export interface ConfigProblem {
  variable: string;
  reason: string;
}

/** Thrown by `loadConfig`: names every offending variable, never its value (it may be a secret). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  ${p.variable}: ${p.reason}`)
        .join('\n')}`,
    );
  }
}

/** The environment variable names a schema reads, for checking deploy files against it. */
export function envVarNames(schema: EnvSchema): string[] {
  return Object.keys(schema.shape).sort();
}

// `FOO=` in a compose file or shell means "not set"; treating it as an empty value would turn
// defaults off and give confusing "must not be empty" errors.
function withoutBlanks(source: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value;
  }
  return picked;
}

function describe(issue: z.core.$ZodIssue, present: boolean): string {
  if (!present && issue.code === 'invalid_type' && issue.path.length <= 1) return 'missing (required)';
  const rest = issue.path.slice(1);
  const where =
    rest.length > 0 ? `item ${rest.map((p) => (typeof p === 'number' ? p + 1 : String(p))).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Parses the environment through `schema`. Returns the typed config, or throws a `ConfigError`
 * naming every bad or missing variable with the reason. Blank values count as unset.
 */
export function loadConfig<S extends EnvSchema>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const names = envVarNames(schema);
  const input = withoutBlanks(source, names);
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const reasons = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const variable = typeof issue.path[0] === 'string' ? issue.path[0] : '(configuration)';
    const list = reasons.get(variable) ?? [];
    list.push(describe(issue, variable in input));
    reasons.set(variable, list);
  }
  const problems = [...reasons].map(([variable, list]) => ({
    variable,
    reason: [...new Set(list)].join('; '),
  }));
  problems.sort((a, b) => a.variable.localeCompare(b.variable));
  throw new ConfigError(problems);
}

export interface ExitOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the report goes; stderr by default. */
  write?: (text: string) => void;
  /** Injected in tests; `process.exit` by default. */
  exit?: (code: number) => never;
}

/** `loadConfig`, but a bad configuration prints the report and exits 1: for `main.ts`. */
export function loadConfigOrExit<S extends EnvSchema>(schema: S, options: ExitOptions = {}): z.output<S> {
  try {
    return loadConfig(schema, options.env ?? process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    (options.write ?? ((text) => process.stderr.write(text)))(`${error.message}\n`);
    return (options.exit ?? process.exit)(1);
  }
}
