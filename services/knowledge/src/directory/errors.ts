/** The rules a command can break (HTTP 409), each with a stable name for clients. */
export const knowledgeRules = [
  'already_exists',
  'retired',
  'nothing_to_publish',
  'translations_missing',
  'version_not_published',
  'not_published',
] as const;
export type KnowledgeRule = (typeof knowledgeRules)[number];

/** A command the entry's state does not allow (409). */
export class KnowledgeRuleViolation extends Error {
  override readonly name = 'KnowledgeRuleViolation';
  constructor(
    readonly rule: KnowledgeRule,
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

/** A command or read on an entry that does not exist (404). */
export class KnowledgeEntryNotFound extends Error {
  override readonly name = 'KnowledgeEntryNotFound';
  constructor(
    readonly kind: 'answer' | 'question',
    readonly id: string,
  ) {
    super(`No ${kind === 'answer' ? 'standard answer' : 'typical question'} has the id ${id}`);
  }
}
