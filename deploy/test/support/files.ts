// Where the deploy files are, and reading them: every YAML file parsed with all its documents.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const deployDir = path.resolve(__dirname, '../..');
export const repoRoot = path.resolve(deployDir, '..');

const skipped = new Set(['node_modules', 'test', '.turbo']);

/** Every `.yaml`/`.yml` file under deploy/ (tests and node_modules aside), relative to deploy/. */
export function yamlFiles(dir: string = deployDir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) found.push(path.relative(deployDir, full));
  }
  return found.sort();
}

export interface ParsedYaml {
  /** Plain JS values, one per document (`---`), empty documents left out. */
  documents: unknown[];
  /** Parse errors and warnings, each prefixed with the file name. */
  problems: string[];
}

/**
 * Parses YAML text with all its documents. Merge keys (`<<: *anchor`) are resolved as compose
 * resolves them. A warning counts as a problem too: YAML that half-parses is drift waiting to happen.
 */
export function parseYaml(text: string, name: string): ParsedYaml {
  const documents: unknown[] = [];
  const problems: string[] = [];
  for (const doc of parseAllDocuments(text, { merge: true, prettyErrors: true })) {
    for (const issue of [...doc.errors, ...doc.warnings]) problems.push(`${name}: ${issue.message}`);
    const value: unknown = doc.toJS({ maxAliasCount: 1_000 });
    if (value !== null && value !== undefined) documents.push(value);
  }
  return { documents, problems };
}

/** Reads and parses a YAML file under deploy/. */
export function readYaml(relative: string): ParsedYaml {
  return parseYaml(readFileSync(path.join(deployDir, relative), 'utf8'), relative);
}

export function readText(relativeToRepo: string): string {
  return readFileSync(path.join(repoRoot, relativeToRepo), 'utf8');
}

/** A plain object, or undefined: manifests are untyped until checked. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
