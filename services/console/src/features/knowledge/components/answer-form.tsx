import {
  type AnswerContent,
  answerContentSchema,
  answerPlaceholders,
  type KnowledgeLanguage,
  knowledgeLanguages,
} from '@chp/contracts/knowledge';
import { Button, Group, Paper, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

export interface AnswerFormValues {
  category: string;
  /** Comma-separated. */
  tags: string;
  texts: Record<KnowledgeLanguage, { title: string; body: string }>;
}

export const emptyAnswerForm = (): AnswerFormValues => ({
  category: '',
  tags: '',
  texts: Object.fromEntries(
    knowledgeLanguages.map((l) => [l, { title: '', body: '' }]),
  ) as AnswerFormValues['texts'],
});

/** A version's content as the form's values (a revision starts from the newest version). */
export function formValuesOf(content: AnswerContent): AnswerFormValues {
  const values = emptyAnswerForm();
  values.category = content.category;
  values.tags = content.tags.join(', ');
  for (const language of knowledgeLanguages) {
    const text = content.texts[language];
    if (text) values.texts[language] = { ...text };
  }
  return values;
}

/**
 * The typed values as an answer's content, parsed by the contracts' schema (the one the knowledge
 * service parses it with): a language with neither title nor body is left out. Issues are keyed by
 * the field's path (`texts.hu.body`).
 */
export function contentOf(
  values: AnswerFormValues,
): { ok: true; content: AnswerContent } | { ok: false; issues: Record<string, string> } {
  const texts: Record<string, { title: string; body: string }> = {};
  for (const language of knowledgeLanguages) {
    const text = values.texts[language];
    if (text.title.trim() !== '' || text.body.trim() !== '') texts[language] = text;
  }
  const tags = values.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  const parsed = answerContentSchema.safeParse({ category: values.category.trim(), tags, texts });
  if (parsed.success) return { ok: true, content: parsed.data };
  const issues: Record<string, string> = {};
  for (const issue of parsed.error.issues) issues[issue.path.join('.')] ??= issue.message;
  return { ok: false, issues };
}

const languageLabel: Record<KnowledgeLanguage, string> = {
  en: 'English',
  uk: 'Українська',
  ru: 'Русский',
  hu: 'Magyar',
  lv: 'Latviešu',
  ro: 'Română',
};

/** The supervisor's form for a new answer or a revision: category, tags, a title and body per language. */
export function AnswerForm(props: {
  initial: AnswerFormValues;
  heading: string;
  pending: boolean;
  onSubmit: (content: AnswerContent) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [values, setValues] = useState(props.initial);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const error = (path: string) =>
    issues[path] === undefined
      ? undefined
      : intl.formatMessage({ id: 'knowledge.form.invalid' }, { detail: issues[path] });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = contentOf(values);
    if (!parsed.ok) {
      setIssues(parsed.issues);
      return;
    }
    setIssues({});
    props.onSubmit(parsed.content);
  };
  const setText = (language: KnowledgeLanguage, field: 'title' | 'body', value: string) =>
    setValues((all) => ({
      ...all,
      texts: { ...all.texts, [language]: { ...all.texts[language], [field]: value } },
    }));
  const textsIssue = issues.texts;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="answer-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="answer-form">
            {props.heading}
          </Title>
          <Group grow>
            <TextInput
              label={intl.formatMessage({ id: 'knowledge.field.category' })}
              description={intl.formatMessage({ id: 'knowledge.field.categoryHelp' })}
              value={values.category}
              error={error('category')}
              onChange={(e) => setValues({ ...values, category: e.currentTarget.value })}
            />
            <TextInput
              label={intl.formatMessage({ id: 'knowledge.field.tags' })}
              description={intl.formatMessage({ id: 'knowledge.field.tagsHelp' })}
              value={values.tags}
              error={error('tags') ?? error('tags.0')}
              onChange={(e) => setValues({ ...values, tags: e.currentTarget.value })}
            />
          </Group>
          <Text size="sm" id="placeholder-help">
            <FormattedMessage
              id="knowledge.form.placeholders"
              values={{ detail: answerPlaceholders.map((p) => `{${p}}`).join(', ') }}
            />
          </Text>
          {textsIssue && (
            <Text c="red.8" size="sm" role="alert">
              {intl.formatMessage({ id: 'knowledge.form.invalid' }, { detail: textsIssue })}
            </Text>
          )}
          <Tabs defaultValue="en" keepMounted>
            <Tabs.List>
              {knowledgeLanguages.map((language) => {
                const bad = Object.keys(issues).some((path) => path.startsWith(`texts.${language}.`));
                return (
                  <Tabs.Tab key={language} value={language} c={bad ? 'red.8' : undefined}>
                    {languageLabel[language]}
                    {bad ? ' ⚠' : ''}
                  </Tabs.Tab>
                );
              })}
            </Tabs.List>
            {knowledgeLanguages.map((language) => (
              <Tabs.Panel key={language} value={language} pt="xs">
                <Stack gap="xs" lang={language}>
                  <TextInput
                    label={intl.formatMessage(
                      { id: 'knowledge.field.title' },
                      { name: languageLabel[language] },
                    )}
                    value={values.texts[language].title}
                    error={error(`texts.${language}.title`)}
                    onChange={(e) => setText(language, 'title', e.currentTarget.value)}
                  />
                  <Textarea
                    label={intl.formatMessage(
                      { id: 'knowledge.field.body' },
                      { name: languageLabel[language] },
                    )}
                    aria-describedby="placeholder-help"
                    rows={8}
                    value={values.texts[language].body}
                    error={error(`texts.${language}.body`)}
                    onChange={(e) => setText(language, 'body', e.currentTarget.value)}
                  />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
          <Group>
            <Button type="submit" loading={props.pending}>
              <FormattedMessage id="knowledge.form.save" />
            </Button>
            <Button variant="subtle" onClick={props.onCancel}>
              <FormattedMessage id="knowledge.form.cancel" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
