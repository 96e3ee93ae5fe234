// The rule that keeps services independent: nothing under services/X (source, tests, benchmarks,
// scripts) imports a file of services/Y, by a relative path or as the package `@chp/<Y>`, and no
// service's package.json depends on another service. Services meet only over NATS and HTTP, and a
// test or benchmark starts another service as a process (`startServiceProcess`).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface CrossServiceImport {
  /** The importing file, relative to the root. */
  file: string;
  /** The specifier as written (or the dependency's name, for a package.json). */
  specifier: string;
  /** The service it reaches. */
  service: string;
}

const sourceFile = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const skipped = new Set(['node_modules', 'dist', '.data', 'coverage']);
// `from '…'`, `import '…'`, `import('…')`, `require('…')`, `jest.mock('…')` and the like.
const specifiers =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual)\s*\(\s*)(['"`])([^'"`\n]+)\1/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every import (and package.json dependency) under `<root>/services/<X>` that reaches another service. */
export function crossServiceImports(root: string): CrossServiceImport[] {
  const servicesDir = join(root, 'services');
  const services = readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  // `@chp/complaints` → complaints, from each service's package.json name.
  const byPackage = new Map<string, string>();
  for (const service of services) {
    const manifest = JSON.parse(readFileSync(join(servicesDir, service, 'package.json'), 'utf8')) as {
      name: string;
    };
    byPackage.set(manifest.name, service);
  }
  const serviceOfPackage = (specifier: string) => {
    for (const [name, service] of byPackage) {
      if (specifier === name || specifier.startsWith(`${name}/`)) return service;
    }
    return undefined;
  };
  const serviceOfPath = (path: string) => {
    const inServices = relative(servicesDir, path);
    if (inServices.startsWith('..')) return undefined;
    return inServices.split(sep)[0];
  };

  const found: CrossServiceImport[] = [];
  for (const service of services) {
    for (const file of filesUnder(join(servicesDir, service))) {
      const name = relative(root, file);
      if (file.endsWith(`${sep}package.json`)) {
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
          for (const dependency of Object.keys((manifest[field] as Record<string, string>) ?? {})) {
            const other = serviceOfPackage(dependency);
            if (other !== undefined && other !== service)
              found.push({ file: name, specifier: dependency, service: other });
          }
        }
        continue;
      }
      if (!sourceFile.test(file)) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(specifiers)) {
        const specifier = match[2] as string;
        const other =
          specifier.startsWith('.') || isAbsolute(specifier)
            ? serviceOfPath(resolve(dirname(file), specifier))
            : serviceOfPackage(specifier);
        if (other !== undefined && other !== service) found.push({ file: name, specifier, service: other });
      }
    }
  }
  return found;
}
