import { Alert, Badge, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import {
  type UnsettledEmail,
  useMarkDelivered,
  useResendEmail,
  useUnsettledEmails,
} from '../api/unsettled-emails.js';

const rowId = (row: UnsettledEmail) => `${row.eventId}/${row.template}/${row.recipient}`;

/**
 * The sent log's `unknown` e-mails (the process stopped mid-send: maybe sent): resend one, or mark
 * it delivered after checking the SMTP log for its Message-ID. Decided rows stay listed with who
 * decided and when.
 */
export function UnsettledEmails() {
  const intl = useIntl();
  const rows = useUnsettledEmails();
  const resend = useResendEmail();
  const delivered = useMarkDelivered();
  const failure = resend.error ?? delivered.error;
  const busy = resend.isPending || delivered.isPending;

  return (
    <Stack gap="sm">
      <Title order={2}>
        <FormattedMessage id="operator.unsettled.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="operator.unsettled.hint" />
      </Text>
      {failure && (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: failure.message }} />
        </Alert>
      )}
      {rows.isPending && (
        <Text>
          <FormattedMessage id="common.loading" />
        </Text>
      )}
      {rows.error && (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: rows.error.message }} />
        </Alert>
      )}
      {rows.data && rows.data.items.length === 0 && (
        <Text>
          <FormattedMessage id="operator.unsettled.none" />
        </Text>
      )}
      {rows.data && rows.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {(['complaint', 'template', 'messageId', 'claimedAt', 'state', 'actions'] as const).map(
                  (column) => (
                    <Table.Th key={column} scope="col">
                      <FormattedMessage id={`operator.unsettled.${column}`} />
                    </Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.data.items.map((row) => (
                <Table.Tr key={rowId(row)}>
                  <Table.Td ff="monospace">{row.complaintId}</Table.Td>
                  <Table.Td>{row.template}</Table.Td>
                  <Table.Td maw={280}>
                    <Code>{row.messageId}</Code>
                  </Table.Td>
                  <Table.Td>
                    {row.claimedAt && (
                      <FormattedDate value={row.claimedAt} dateStyle="medium" timeStyle="medium" />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {/* Not truncated: "Maybe sent" and its translations are longer than a badge's column. */}
                    <Badge variant="light" maw="none" styles={{ label: { overflow: 'visible' } }}>
                      <FormattedMessage id={`operator.unsettled.status.${row.status}`} />
                    </Badge>
                    {row.decisions.map((decision) => (
                      <Text key={`${decision.action}-${decision.at}`} size="xs">
                        <FormattedMessage
                          id={`operator.unsettled.decision.${decision.action}`}
                          values={{ who: decision.by }}
                        />{' '}
                        <FormattedDate value={decision.at} dateStyle="short" timeStyle="short" />
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    {row.status === 'unknown' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          disabled={busy}
                          aria-label={intl.formatMessage(
                            { id: 'operator.unsettled.resendOne' },
                            { what: row.messageId },
                          )}
                          onClick={() => resend.mutate(row)}
                        >
                          <FormattedMessage id="operator.unsettled.resend" />
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          disabled={busy}
                          aria-label={intl.formatMessage(
                            { id: 'operator.unsettled.markDeliveredOne' },
                            { what: row.messageId },
                          )}
                          onClick={() => delivered.mutate(row)}
                        >
                          <FormattedMessage id="operator.unsettled.markDelivered" />
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
