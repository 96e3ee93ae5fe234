import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  type AnswerHit,
  type AnswerPlaceholder,
  type KnowledgeLanguage,
  knowledgeLanguageOf,
  knowledgeLanguages,
  useAnswerSearch,
} from '../lib/knowledge.js';

/** What the picker knows of the complaint it fills answers in for. */
export interface PickerComplaint {
  id: string;
  reference: string;
  category?: string | null;
  receivedAt: string;
  customer: { name: string; language: string };
  sla: { nextDueAt: string | null };
}

/** The answer version chosen, for the use the form records when it is sent. */
export interface ChosenAnswer {
  answerId: string;
  version: number;
  language: KnowledgeLanguage;
}

const languageNames: Record<KnowledgeLanguage, string> = {
  en: 'English',
  uk: 'Українська',
  ru: 'Русский',
  hu: 'Magyar',
  lv: 'Latviešu',
  ro: 'Română',
};

/**
 * The values the complaint gives the placeholders: dates in the customer's language. Those it cannot
 * know (`{amount}`, `{companyName}`, an agent without a name) are left for the agent to type.
 */
export function placeholderValues(
  complaint: PickerComplaint,
  language: KnowledgeLanguage,
  agentName?: string,
): Partial<Record<AnswerPlaceholder, string>> {
  const date = (iso: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
  return {
    reference: complaint.reference,
    customerName: complaint.customer.name,
    filedDate: date(complaint.receivedAt),
    ...(complaint.sla.nextDueAt ? { dueDate: date(complaint.sla.nextDueAt) } : {}),
    ...(agentName ? { agentName } : {}),
  };
}

/** The text with every placeholder that has a value filled in; the others stay as `{name}`. */
export function fillPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (token, name: string) => values[name] ?? token);
}

/** The placeholders a text still holds. */
export const placeholdersLeft = (text: string): string[] => [
  ...new Set(Array.from(text.matchAll(/\{([A-Za-z]+)\}/g), (m) => `{${m[1]}}`)),
];

/**
 * Standard answers for a desk form: searched by category (the complaint's, at first) and language
 * (the customer's), one chosen is filled in from the complaint and handed to the form's field.
 */
export function AnswerPicker(props: {
  complaint: PickerComplaint;
  agentName?: string;
  onPick: (text: string, chosen: ChosenAnswer) => void;
}) {
  const { complaint, agentName, onPick } = props;
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [language, setLanguage] = useState<KnowledgeLanguage>(
    knowledgeLanguageOf(complaint.customer.language),
  );
  const [category, setCategory] = useState(complaint.category ?? '');
  const [q, setQ] = useState('');
  const [left, setLeft] = useState<string[]>([]);
  const search = useAnswerSearch({ language, q, category }, open);

  const pick = (hit: AnswerHit) => {
    if (!hit.text) return;
    const text = fillPlaceholders(hit.text.body, placeholderValues(complaint, language, agentName));
    setLeft(placeholdersLeft(text));
    onPick(text, { answerId: hit.id, version: hit.version, language });
    setOpen(false);
  };

  if (!open) {
    return (
      <Stack gap={4}>
        <Group>
          <Button variant="light" size="xs" onClick={() => setOpen(true)}>
            <FormattedMessage id="knowledge.picker.open" />
          </Button>
        </Group>
        {left.length > 0 && (
          <Text size="sm" c="orange.9" role="status">
            <FormattedMessage id="knowledge.picker.left" values={{ detail: left.join(', ') }} />
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Paper withBorder p="sm" role="group" aria-label={intl.formatMessage({ id: 'knowledge.picker.title' })}>
      <Stack gap="xs">
        <Group grow align="flex-end">
          <NativeSelect
            label={intl.formatMessage({ id: 'knowledge.picker.language' })}
            value={language}
            data={knowledgeLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
            onChange={(e) => setLanguage(e.currentTarget.value as KnowledgeLanguage)}
          />
          <TextInput
            label={intl.formatMessage({ id: 'knowledge.picker.category' })}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
          />
          <TextInput
            label={intl.formatMessage({ id: 'knowledge.picker.search' })}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
        </Group>
        {search.isError && (
          <Text c="red" role="alert" size="sm">
            <FormattedMessage id="common.error" values={{ detail: search.error.message }} />
          </Text>
        )}
        {search.data && search.data.items.length === 0 && (
          <Text size="sm">
            <FormattedMessage id="knowledge.picker.none" />
          </Text>
        )}
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {(search.data?.items ?? []).map((hit) => (
            <li key={`${hit.id}-${hit.version}`}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {hit.text?.title ?? hit.id}{' '}
                  <Text span c="dimmed">
                    ({hit.category})
                  </Text>
                </Text>
                <Button
                  size="xs"
                  variant="outline"
                  onClick={() => pick(hit)}
                  aria-label={intl.formatMessage(
                    { id: 'knowledge.picker.use' },
                    { name: hit.text?.title ?? hit.id },
                  )}
                >
                  <FormattedMessage id="knowledge.picker.useShort" />
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
        <Group>
          <Button variant="subtle" size="xs" onClick={() => setOpen(false)}>
            <FormattedMessage id="knowledge.picker.close" />
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
