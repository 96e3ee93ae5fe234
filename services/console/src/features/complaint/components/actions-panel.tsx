import type { HttpCommandType } from '@chp/contracts/commands';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AnswerPicker, type ChosenAnswer, type PickerComplaint } from '../../../components/answer-picker.js';
import type { MessageId } from '../../../i18n/messages/en.js';
import { ApiError } from '../../../lib/api-client.js';
import type { AuditEntry } from '../../../lib/complaint-types.js';
import { recordAnswerUse } from '../../../lib/knowledge.js';
import type { Role } from '../../../lib/session.js';
import {
  bodyOf,
  commandFields,
  commandsFor,
  type FieldSpec,
  type FormValues,
  optionsOf,
} from '../actions.js';
import { invalidateComplaint, useCurrentEtag, useSendCommand } from '../api/send-command.js';

type Outcome =
  | { kind: 'done'; revision: number }
  | { kind: 'conflict' }
  | { kind: 'refused'; status: number; detail: string };

const message = (id: string) => id as MessageId;

/** The field a standard answer goes into, in the forms that write to the customer. */
const answerField: Partial<Record<HttpCommandType, string>> = {
  RequestCustomerInformation: 'question',
  AddNote: 'text',
  ResolveComplaint: 'summary',
};

/**
 * Every command the complaints service takes, as one form at a time: validated with the contracts'
 * schema, sent with `If-Match`. What was typed is kept per command until it is sent, through a 412
 * and its reload too.
 */
export default function ActionsPanel(props: {
  complaintId: string;
  roles: readonly Role[];
  lastChange: AuditEntry | undefined;
  /** For the standard answer picker; without it the forms have none. */
  complaint?: PickerComplaint;
  agentName?: string;
}) {
  const { complaintId, roles, lastChange, complaint, agentName } = props;
  const intl = useIntl();
  const queryClient = useQueryClient();
  const commands = commandsFor(roles);
  const [type, setType] = useState<HttpCommandType | undefined>(commands[0]);
  const [values, setValues] = useState<Partial<Record<HttpCommandType, FormValues>>>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // The standard answer each form's text came from: its use is recorded when the form is sent.
  const [chosen, setChosen] = useState<Partial<Record<HttpCommandType, ChosenAnswer>>>({});
  // The revision the user began typing against: a change after that (even one shown live) is a 412,
  // so nobody sends a decision about a complaint they have not seen as it now is.
  const [pinned, setPinned] = useState<string | undefined>();
  const etag = useCurrentEtag(complaintId);
  const send = useSendCommand(complaintId);
  if (type === undefined) return null;
  const typed = values[type] ?? {};
  const set = (name: string, value: string | boolean) => {
    setPinned((current) => current ?? etag.data);
    setValues((all) => ({ ...all, [type]: { ...all[type], [name]: value } }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    const parsed = bodyOf(type, typed);
    if (!parsed.ok) {
      setIssues(parsed.issues);
      return;
    }
    setIssues({});
    const against = pinned ?? etag.data;
    if (against === undefined) return;
    send.mutate(
      { type, body: parsed.body, etag: against },
      {
        onSuccess: (result) => {
          const used = chosen[type];
          if (used) {
            setChosen((all) => ({ ...all, [type]: undefined }));
            // The command is done either way: a failed record is shown, not retried behind the agent.
            recordAnswerUse({ ...used, complaintId }).catch((error: Error) =>
              setOutcome({ kind: 'refused', status: 0, detail: error.message }),
            );
          }
          setValues((all) => ({ ...all, [type]: {} }));
          setPinned(undefined);
          setOutcome({ kind: 'done', revision: result.revision });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) setOutcome({ kind: 'conflict' });
          else
            setOutcome({
              kind: 'refused',
              status: error instanceof ApiError ? error.status : 0,
              detail: error.message,
            });
        },
      },
    );
  };

  const reload = () => {
    setOutcome(undefined);
    setPinned(undefined);
    void invalidateComplaint(queryClient, complaintId);
  };

  const field = (spec: FieldSpec) => {
    const label = intl.formatMessage({ id: message(`action.field.${spec.name}`) });
    const error = issues[spec.name] === undefined ? undefined : intl.formatMessage({ id: 'action.invalid' });
    const value = typed[spec.name];
    const text = typeof value === 'string' ? value : '';
    switch (spec.kind) {
      case 'checkbox':
        return (
          <Checkbox
            key={spec.name}
            label={label}
            checked={value === true}
            onChange={(e) => set(spec.name, e.currentTarget.checked)}
          />
        );
      case 'select': {
        const options = optionsOf(type, spec.name, roles).map((option) => ({
          value: option,
          // Levels and scores are numbers, the rest words of the language.
          label: /^\d+$/.test(option)
            ? intl.formatNumber(Number(option))
            : intl.formatMessage({ id: message(`${spec.options}${option}`) }),
        }));
        return (
          <NativeSelect
            key={spec.name}
            label={label}
            error={error}
            value={text}
            data={[{ value: '', label: '—' }, ...options]}
            onChange={(e) => set(spec.name, e.currentTarget.value)}
          />
        );
      }
      case 'textarea': {
        const area = (
          <Textarea
            key={spec.name}
            label={label}
            error={error}
            rows={3}
            value={text}
            onChange={(e) => set(spec.name, e.currentTarget.value)}
          />
        );
        // A note to staff only gets no standard answer: those are written to the customer.
        const pickable =
          complaint !== undefined &&
          answerField[type] === spec.name &&
          (type !== 'AddNote' || typed.visibility === 'customer');
        if (!pickable) return area;
        return (
          <Stack key={spec.name} gap={4}>
            <AnswerPicker
              complaint={complaint}
              {...(agentName ? { agentName } : {})}
              onPick={(picked, answer) => {
                set(spec.name, text.trim() === '' ? picked : `${text}\n\n${picked}`);
                setChosen((all) => ({ ...all, [type]: answer }));
              }}
            />
            {area}
          </Stack>
        );
      }
      case 'datetime':
        return (
          <TextInput
            key={spec.name}
            type="datetime-local"
            label={label}
            error={error}
            value={text}
            onChange={(e) => set(spec.name, e.currentTarget.value)}
          />
        );
      default:
        return (
          <TextInput
            key={spec.name}
            label={label}
            error={error}
            value={text}
            onChange={(e) => set(spec.name, e.currentTarget.value)}
          />
        );
    }
  };

  return (
    <section aria-labelledby="actions">
      <Title order={2} size="h4" id="actions" mb="xs">
        <FormattedMessage id="action.title" />
      </Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label={intl.formatMessage({ id: 'action.choose' })}
              value={type}
              data={commands.map((command) => ({
                value: command,
                label: intl.formatMessage({ id: message(`action.command.${command}`) }),
              }))}
              onChange={(e) => {
                setType(e.currentTarget.value as HttpCommandType);
                setIssues({});
                setOutcome(undefined);
              }}
            />
            {commandFields[type].map(field)}
            {outcome?.kind === 'done' && (
              <Alert color="green" role="status">
                <FormattedMessage id="action.done" values={{ revision: outcome.revision }} />
              </Alert>
            )}
            {outcome?.kind === 'conflict' && (
              <Alert color="orange" role="alert">
                <Stack gap="xs">
                  <span>
                    {lastChange ? (
                      <FormattedMessage
                        id="action.conflict"
                        values={{
                          who: `${lastChange.actor.id} (${lastChange.actor.role})`,
                          what: lastChange.type,
                          when: intl.formatDate(lastChange.at, { dateStyle: 'medium', timeStyle: 'medium' }),
                        }}
                      />
                    ) : (
                      <FormattedMessage id="action.conflict.unknown" />
                    )}
                  </span>
                  <Group>
                    <Button variant="outline" onClick={reload}>
                      <FormattedMessage id="action.reload" />
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {outcome?.kind === 'refused' && (
              <Alert color="red" role="alert">
                <FormattedMessage
                  id={outcome.status === 409 ? 'action.refused' : 'common.error'}
                  values={{ detail: outcome.detail }}
                />
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={send.isPending} disabled={etag.data === undefined}>
                {intl.formatMessage({ id: message(`action.command.${type}`) })}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </section>
  );
}
