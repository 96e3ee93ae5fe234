import { correctCustomerLanguageBodySchema, correctCustomerLanguageShape } from '@chp/contracts/commands';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../lib/api-client.js';
import { invalidateComplaint, useCurrentEtag, useSendCommand } from '../api/send-command.js';

type Outcome =
  | { kind: 'done'; revision: number }
  | { kind: 'conflict' }
  | { kind: 'refused'; status: number; detail: string };

/**
 * `CorrectCustomerLanguage`: the language the customer is written to in, corrected by an agent or a
 * supervisor (a wrong detection, a default). Validated by the contracts' schema, sent with `If-Match`
 * to `POST /v1/complaints/:id/correct-customer-language`.
 */
export default function LanguageCorrection({
  complaintId,
  current,
}: {
  complaintId: string;
  current: string;
}) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const etag = useCurrentEtag(complaintId);
  const send = useSendCommand(complaintId);
  const nameOf = (code: string) =>
    code === 'other'
      ? intl.formatMessage({ id: 'complaint.language.other' })
      : (intl.formatDisplayName(code, { type: 'language' }) ?? code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    const parsed = correctCustomerLanguageBodySchema.safeParse({ language });
    setInvalid(!parsed.success);
    if (!parsed.success || etag.data === undefined) return;
    send.mutate(
      { type: 'CorrectCustomerLanguage', body: parsed.data, etag: etag.data },
      {
        onSuccess: (result) => {
          setLanguage('');
          setOutcome({ kind: 'done', revision: result.revision });
        },
        onError: (error) =>
          setOutcome(
            error instanceof ApiError && error.status === 412
              ? { kind: 'conflict' }
              : {
                  kind: 'refused',
                  status: error instanceof ApiError ? error.status : 0,
                  detail: error.message,
                },
          ),
      },
    );
  };

  return (
    <section aria-labelledby="language-correction">
      <Title order={2} size="h4" id="language-correction" mb="xs">
        <FormattedMessage id="complaint.language.correct" />
      </Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label={intl.formatMessage({ id: 'complaint.language.new' })}
              error={invalid ? intl.formatMessage({ id: 'action.invalid' }) : undefined}
              value={language}
              data={[
                { value: '', label: '—' },
                ...correctCustomerLanguageShape.language.options
                  .filter((code) => code !== current)
                  .map((code) => ({ value: code, label: nameOf(code) })),
              ]}
              onChange={(e) => setLanguage(e.currentTarget.value)}
            />
            {outcome?.kind === 'done' && (
              <Alert color="green" role="status">
                <FormattedMessage id="action.done" values={{ revision: outcome.revision }} />
              </Alert>
            )}
            {outcome?.kind === 'conflict' && (
              <Alert color="orange" role="alert">
                <Stack gap="xs">
                  <span>
                    <FormattedMessage id="action.conflict.unknown" />
                  </span>
                  <Group>
                    <Button
                      variant="outline"
                      onClick={() => {
                        setOutcome(undefined);
                        void invalidateComplaint(queryClient, complaintId);
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
                <FormattedMessage
                  id={outcome.status === 409 ? 'action.refused' : 'common.error'}
                  values={{ detail: outcome.detail }}
                />
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={send.isPending} disabled={etag.data === undefined}>
                <FormattedMessage id="complaint.language.correct" />
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </section>
  );
}
