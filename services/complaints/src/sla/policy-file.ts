// Reading a policy file from disk. The service passes SLA_POLICIES_FILE; without it the bundled
// file applies. src/sla and dist/sla sit at the same depth, so one relative path serves both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicies, type PolicySet, SlaPolicyError } from './policy-set.js';

export const BUNDLED_POLICIES_FILE = path.resolve(__dirname, '../../config/sla-policies.json');

/** Reads and validates a policy file; `file` undefined or empty means the bundled one. */
export function loadPoliciesFile(file?: string): PolicySet {
  const chosen = file ? path.resolve(file) : BUNDLED_POLICIES_FILE;
  let text: string;
  try {
    text = readFileSync(chosen, 'utf8');
  } catch (error) {
    throw new SlaPolicyError(`cannot read SLA policy file ${chosen}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SlaPolicyError(`SLA policy file ${chosen} is not JSON: ${(error as Error).message}`);
  }
  return loadPolicies(json, `SLA policy file ${chosen}`);
}
