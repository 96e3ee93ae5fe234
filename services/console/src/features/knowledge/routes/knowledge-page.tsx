import type { AnswerContent } from '@chp/contracts/knowledge';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../lib/api-client.js';
import {
  type AnswerStatus,
  type KnowledgeLanguage,
  knowledgeLanguageOf,
  knowledgeLanguages,
  useAnswerSearch,
} from '../../../lib/knowledge.js';
import { useSession } from '../../../lib/session.js';
import { type AnswerCommand, useAnswer, useAnswerCommand, useAnswerUsage } from '../api/answers.js';
import { AnswerForm, emptyAnswerForm, formValuesOf } from '../components/answer-form.js';
import { QuestionList } from '../components/question-list.js';
import { SearchResults } from '../components/search-results.js';

type Editing =
  | { kind: 'new' }
  | { kind: 'revise'; id: string; content: AnswerContent; etag: string | undefined };
type Outcome = { kind: 'done' } | { kind: 'conflict' } | { kind: 'refused'; detail: string };

const statuses: AnswerStatus[] = ['draft', 'published', 'superseded', 'retired'];

/**
 * Standard answers: supervisors search, draft, revise, publish and retire them and see their use;
 * agents read the published ones. Every change names the ETag it was made against (412 otherwise).
 */
export function KnowledgePage() {
  const intl = useIntl();
  const supervisor = useSession().data?.roles.includes('supervisor') ?? false;
  const [language, setLanguage] = useState<KnowledgeLanguage>(knowledgeLanguageOf(intl.locale));
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<AnswerStatus | ''>('');
  const [selected, setSelected] = useState<string | undefined>();
  const [editing, setEditing] = useState<Editing | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const search = useAnswerSearch({ language, q, category, ...(status ? { status } : {}) });
  const command = useAnswerCommand();

  const run = (input: AnswerCommand, after?: (id: string) => void) => {
    setOutcome(undefined);
    command.mutate(input, {
      onSuccess: (result) => {
        setOutcome({ kind: 'done' });
        after?.(result.id);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 412) setOutcome({ kind: 'conflict' });
        else setOutcome({ kind: 'refused', detail: error.message });
      },
    });
  };

  return (
    <Stack gap="lg">
      <Title order={1}>
        <FormattedMessage id="knowledge.title" />
      </Title>
      <Group align="flex-end">
        <NativeSelect
          label={intl.formatMessage({ id: 'knowledge.filter.language' })}
          value={language}
          data={[...knowledgeLanguages]}
          onChange={(e) => setLanguage(e.currentTarget.value as KnowledgeLanguage)}
        />
        <TextInput
          label={intl.formatMessage({ id: 'knowledge.filter.search' })}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <TextInput
          label={intl.formatMessage({ id: 'knowledge.field.category' })}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
        />
        {supervisor && (
          <NativeSelect
            label={intl.formatMessage({ id: 'knowledge.filter.status' })}
            value={status}
            data={[
              { value: '', label: intl.formatMessage({ id: 'knowledge.filter.current' }) },
              ...statuses.map((s) => ({
                value: s,
                label: intl.formatMessage({ id: `knowledge.status.${s}` }),
              })),
            ]}
            onChange={(e) => setStatus(e.currentTarget.value as AnswerStatus | '')}
          />
        )}
        {supervisor && (
          <Button
            onClick={() => {
              setOutcome(undefined);
              setEditing({ kind: 'new' });
            }}
          >
            <FormattedMessage id="knowledge.new" />
          </Button>
        )}
      </Group>
      {outcome?.kind === 'done' && (
        <Alert color="green" role="status">
          <FormattedMessage id="knowledge.done" />
        </Alert>
      )}
      {outcome?.kind === 'conflict' && (
        <Alert color="orange" role="alert">
          <Stack gap="xs">
            <FormattedMessage id="knowledge.conflict" />
            <Group>
              <Button
                variant="outline"
                onClick={() => {
                  setOutcome(undefined);
                  setEditing(undefined);
                  void command.reset();
                }}
              >
                <FormattedMessage id="action.reload" />
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {outcome?.kind === 'refused' && (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: outcome.detail }} />
        </Alert>
      )}
      {editing && (
        <AnswerForm
          key={editing.kind === 'new' ? 'new' : `${editing.id}-${editing.etag}`}
          heading={intl.formatMessage({ id: editing.kind === 'new' ? 'knowledge.new' : 'knowledge.revise' })}
          initial={editing.kind === 'new' ? emptyAnswerForm() : formValuesOf(editing.content)}
          pending={command.isPending}
          onCancel={() => setEditing(undefined)}
          onSubmit={(content) =>
            run(
              editing.kind === 'new'
                ? { kind: 'draft', content }
                : { kind: 'revise', id: editing.id, content, etag: editing.etag },
              (id) => {
                setEditing(undefined);
                setSelected(id);
              },
            )
          }
        />
      )}
      <SearchResults
        id="answers"
        title="knowledge.list"
        empty="knowledge.empty"
        firstColumn="knowledge.column.title"
        search={search}
        first={(hit) => (
          <Button variant="subtle" size="compact-sm" onClick={() => setSelected(hit.id)}>
            {hit.text?.title ?? hit.id}
          </Button>
        )}
      />
      {selected && (
        <AnswerDetail
          id={selected}
          language={language}
          supervisor={supervisor}
          busy={command.isPending}
          onRevise={(content, etag) => {
            setOutcome(undefined);
            setEditing({ kind: 'revise', id: selected, content, etag });
          }}
          onAct={(kind, etag) => run({ kind, id: selected, etag })}
        />
      )}
      {supervisor && <QuestionList language={language} q={q} category={category} />}
    </Stack>
  );
}

/** One answer: its versions (the text in the language chosen), its use, and what may be done next. */
function AnswerDetail(props: {
  id: string;
  language: KnowledgeLanguage;
  supervisor: boolean;
  busy: boolean;
  onRevise: (content: AnswerContent, etag: string | undefined) => void;
  onAct: (kind: 'publish' | 'retire', etag: string | undefined) => void;
}) {
  const { id, language, supervisor } = props;
  const intl = useIntl();
  const answer = useAnswer(id);
  const usage = useAnswerUsage(id, supervisor);
  if (answer.isPending) return <Loader aria-label="…" />;
  if (answer.isError)
    return (
      <Alert color="red" role="alert">
        <FormattedMessage id="common.error" values={{ detail: answer.error.message }} />
      </Alert>
    );
  const { entry, etag } = answer.data;
  const newest = entry.versions.at(-1);
  const usesOf = (version: number) => usage.data?.items.find((row) => row.version === version)?.uses ?? 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="answer-detail">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="answer-detail">
            {newest?.texts[language]?.title ?? newest?.texts.en?.title ?? id}
          </Title>
          <Badge variant="light">{intl.formatMessage({ id: `knowledge.status.${entry.status}` })}</Badge>
        </Group>
        {supervisor && (
          <Group>
            {newest && entry.status !== 'retired' && (
              <Button variant="outline" disabled={props.busy} onClick={() => props.onRevise(newest, etag)}>
                <FormattedMessage id="knowledge.revise" />
              </Button>
            )}
            {entry.draftVersion != null && (
              <Button disabled={props.busy} onClick={() => props.onAct('publish', etag)}>
                <FormattedMessage id="knowledge.publish" />
              </Button>
            )}
            {entry.status !== 'retired' && (
              <Button
                color="red.9"
                variant="outline"
                disabled={props.busy}
                onClick={() => props.onAct('retire', etag)}
              >
                <FormattedMessage id="knowledge.retire" />
              </Button>
            )}
          </Group>
        )}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <FormattedMessage id="knowledge.column.version" />
              </Table.Th>
              <Table.Th>
                <FormattedMessage id="knowledge.filter.status" />
              </Table.Th>
              <Table.Th>
                <FormattedMessage id="knowledge.column.text" />
              </Table.Th>
              {supervisor && (
                <Table.Th>
                  <FormattedMessage id="knowledge.column.uses" />
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...entry.versions].reverse().map((version) => (
              <Table.Tr key={version.version}>
                <Table.Td>{version.version}</Table.Td>
                <Table.Td>
                  {version.version === entry.liveVersion ? (
                    <FormattedMessage id="knowledge.version.live" />
                  ) : version.published ? (
                    <FormattedMessage id="knowledge.status.superseded" />
                  ) : (
                    <FormattedMessage id="knowledge.status.draft" />
                  )}
                </Table.Td>
                <Table.Td lang={language} style={{ whiteSpace: 'pre-wrap' }}>
                  {version.texts[language]?.body ?? '—'}
                </Table.Td>
                {supervisor && <Table.Td>{intl.formatNumber(usesOf(version.version))}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
