import { Alert, Badge, Button, Group, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { FormattedDate, FormattedMessage, FormattedTime, useIntl } from 'react-intl';
import { slaColors } from '../../../components/sla-badge.js';
import { useSystemOverview } from '../api/get-overview.js';
import { DeadLetters } from '../components/dead-letters.js';
import { ProjectionStatus } from '../components/projection-status.js';
import { UnsettledEmails } from '../components/unsettled-emails.js';

const tabs = ['overview', 'deadLetters', 'status', 'unsettled'] as const;

/**
 * The operator page (admins only), one tab per tool: the system as the console sees it, the dead
 * letters, the read model's and the relay's status (with the rebuild), and the unsettled e-mails.
 * Only the open tab's component is mounted, so only its data is fetched.
 */
export function OperatorPage() {
  const intl = useIntl();
  return (
    <Tabs defaultValue="overview" keepMounted={false}>
      <Tabs.List aria-label={intl.formatMessage({ id: 'operator.tabs.label' })}>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab} value={tab}>
            <FormattedMessage id={`operator.tabs.${tab}`} />
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="overview" pt="md">
        <SystemOverview />
      </Tabs.Panel>
      <Tabs.Panel value="deadLetters" pt="md">
        <DeadLetters />
      </Tabs.Panel>
      <Tabs.Panel value="status" pt="md">
        <ProjectionStatus />
      </Tabs.Panel>
      <Tabs.Panel value="unsettled" pt="md">
        <UnsettledEmails />
      </Tabs.Panel>
    </Tabs>
  );
}

/** The system as the console sees it (the provider, the services' readiness, live updates, the session store) and the signed-in admin's roles. */
function SystemOverview() {
  const overview = useSystemOverview();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>
          <FormattedMessage id="operator.title" />
        </Title>
        <Button variant="default" onClick={() => void overview.refetch()} loading={overview.isFetching}>
          <FormattedMessage id="operator.check" />
        </Button>
      </Group>
      {overview.isPending ? (
        <Loader aria-label="…" />
      ) : overview.isError ? (
        <Alert color="red" role="alert">
          <FormattedMessage id="common.error" values={{ detail: overview.error.message }} />
        </Alert>
      ) : (
        <>
          <Title order={2} size="h3">
            <FormattedMessage id="operator.system" />
          </Title>
          <Table striped withTableBorder>
            <Table.Caption>
              <FormattedMessage
                id="operator.checkedAt"
                values={{
                  date: <FormattedDate value={overview.data.checkedAt} dateStyle="medium" />,
                  time: <FormattedTime value={overview.data.checkedAt} timeStyle="medium" />,
                }}
              />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <FormattedMessage id="operator.column.part" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="operator.column.state" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="operator.column.detail" />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.data.parts.map((part) => (
                <Table.Tr key={part.name}>
                  <Table.Th scope="row">{part.name}</Table.Th>
                  <Table.Td>
                    {/* A word, not colour alone; the SLA badges' shades (AA contrast for white text). */}
                    <Badge color={part.ready ? slaColors.onTrack : slaColors.overdue} variant="filled">
                      <FormattedMessage id={part.ready ? 'operator.ready' : 'operator.notReady'} />
                    </Badge>
                  </Table.Td>
                  <Table.Td>{part.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text>
            <FormattedMessage id="operator.sessionStore" values={{ store: overview.data.sessionStore }} />
          </Text>
          <Title order={2} size="h3">
            <FormattedMessage id="operator.you" />
          </Title>
          <Text>
            <FormattedMessage
              id="operator.roles"
              values={{ name: overview.data.user.name, roles: overview.data.user.roles.join(', ') }}
            />
          </Text>
        </>
      )}
    </Stack>
  );
}
