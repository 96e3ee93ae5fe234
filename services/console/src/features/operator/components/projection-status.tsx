import { Alert, Badge, Button, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/messages/en.js';
import { useProjectionStatus, useRelayStatus, useStartRebuild } from '../api/status.js';

function Row({ label, children }: { label: MessageId; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <FormattedMessage id={label} />
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/**
 * The read model's position, lag and rebuild state, with a rebuild button behind a confirmation;
 * and the relay's position and lag behind the event store. Both refresh every 5 s.
 */
export function ProjectionStatus() {
  const intl = useIntl();
  const projection = useProjectionStatus();
  const relay = useRelayStatus();
  const rebuild = useStartRebuild();
  const [confirming, setConfirming] = useState(false);
  const p = projection.data;
  const r = relay.data;

  return (
    <Stack gap="sm">
      <Title order={2}>
        <FormattedMessage id="operator.status.title" />
      </Title>
      {(projection.error ?? relay.error ?? rebuild.error) && (
        <Alert color="red" role="alert">
          <FormattedMessage
            id="common.error"
            values={{ detail: (projection.error ?? relay.error ?? rebuild.error)?.message }}
          />
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Title order={3}>
            <FormattedMessage id="operator.status.projection" />
          </Title>
          {p && (
            <Table>
              <Table.Tbody>
                <Row label="operator.status.position">
                  {p.position ? (
                    <>
                      <FormattedNumber value={p.position.streamSequence} /> (
                      <FormattedMessage
                        id="operator.status.eventsApplied"
                        values={{ count: p.position.eventsApplied }}
                      />
                      ) <FormattedDate value={p.position.updatedAt} dateStyle="short" timeStyle="medium" />
                    </>
                  ) : (
                    <FormattedMessage id="operator.status.none" />
                  )}
                </Row>
                <Row label="operator.status.lag">
                  {p.lag ? (
                    <FormattedMessage id="operator.status.pending" values={{ count: p.lag.pending }} />
                  ) : (
                    <FormattedMessage id="operator.status.unknown" />
                  )}
                </Row>
                <Row label="operator.status.rebuild">
                  <Badge
                    color={
                      p.rebuild.state === 'failed' ? 'red' : p.rebuild.state === 'running' ? 'blue' : 'gray'
                    }
                  >
                    <FormattedMessage id={`operator.status.rebuild.${p.rebuild.state}`} />
                  </Badge>{' '}
                  {p.rebuild.state === 'running' && (
                    <FormattedMessage
                      id="operator.status.eventsApplied"
                      values={{ count: p.rebuild.events }}
                    />
                  )}
                  {p.rebuild.error && <Text size="sm">{p.rebuild.error}</Text>}
                </Row>
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button
              color="red"
              variant="light"
              disabled={p?.rebuild.state === 'running'}
              onClick={() => setConfirming(true)}
            >
              <FormattedMessage id="operator.status.rebuildButton" />
            </Button>
          </Group>
        </Stack>
        <Stack gap="xs">
          <Title order={3}>
            <FormattedMessage id="operator.status.relay" />
          </Title>
          {r && (
            <Table>
              <Table.Tbody>
                <Row label="operator.status.position">
                  {r.position ?? <FormattedMessage id="operator.status.none" />}
                </Row>
                <Row label="operator.status.lag">
                  <FormattedMessage
                    id={r.lag.atLeast ? 'operator.status.relayLagAtLeast' : 'operator.status.relayLag'}
                    values={{ count: r.lag.events }}
                  />
                </Row>
                <Row label="operator.status.oldestWaiting">
                  <FormattedNumber
                    value={r.lag.seconds}
                    style="unit"
                    unit="second"
                    maximumFractionDigits={1}
                  />
                </Row>
                <Row label="operator.status.relayReplica">
                  <FormattedMessage
                    id={r.replica.leading ? 'operator.status.leading' : 'operator.status.standingBy'}
                  />
                </Row>
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </SimpleGrid>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={intl.formatMessage({ id: 'operator.status.rebuildConfirmTitle' })}
      >
        <Stack>
          <Text>
            <FormattedMessage id="operator.status.rebuildConfirm" />
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              <FormattedMessage id="operator.status.cancel" />
            </Button>
            <Button
              color="red"
              loading={rebuild.isPending}
              onClick={() => rebuild.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              <FormattedMessage id="operator.status.rebuildButton" />
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
