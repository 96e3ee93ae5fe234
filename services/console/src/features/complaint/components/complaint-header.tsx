import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { Countdown } from '../../../components/countdown.js';
import { SlaBadge, slaColors } from '../../../components/sla-badge.js';
import { type ComplaintDetail, type DeadlineTarget, deadlineTargets } from '../../../lib/complaint-types.js';

function deadlineState(complaint: ComplaintDetail, target: DeadlineTarget): 'breached' | 'met' | 'open' {
  if (complaint.sla.breachedTargets.includes(target)) return 'breached';
  if (target === 'acknowledge' && complaint.acknowledgedAt) return 'met';
  if ((target === 'resolve' || target === 'regulatoryFinalResponse') && complaint.resolvedAt) return 'met';
  return 'open';
}

/** Reference, status, priority, customer, and every deadline with its state and the time left. */
export function ComplaintHeader({ complaint }: { complaint: ComplaintDetail }) {
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Text ff="monospace" fw={700}>
          {complaint.reference}
        </Text>
        <Badge variant="outline">
          <FormattedMessage id={`status.${complaint.status}`} />
        </Badge>
        {complaint.priority && (
          <Badge variant="outline">
            <FormattedMessage id={`priority.${complaint.priority}`} />
          </Badge>
        )}
        <SlaBadge sla={complaint.sla} />
      </Group>
      <Title order={1}>{complaint.subject}</Title>
      <Group gap="xl">
        <Text size="sm">
          <FormattedMessage id="complaint.customer" />: {complaint.customer.name}
          {complaint.customer.email ? ` <${complaint.customer.email}>` : ''}
        </Text>
        <Text size="sm">
          <FormattedMessage id="complaint.channel" />:{' '}
          <FormattedMessage id={`channel.${complaint.channel}`} />
        </Text>
        <Text size="sm">
          <FormattedMessage id="complaint.received" />:{' '}
          <FormattedDate value={complaint.receivedAt} dateStyle="medium" timeStyle="short" />
        </Text>
      </Group>
      <Title order={2} size="h4">
        <FormattedMessage id="complaint.deadlines" />
      </Title>
      <Table withTableBorder maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <FormattedMessage id="complaint.deadline" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="complaint.due" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="complaint.state" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deadlineTargets.map((target) => {
            const due = complaint.sla.due[target] ?? null;
            const state = deadlineState(complaint, target);
            return (
              <Table.Tr key={target}>
                <Table.Th scope="row">
                  <FormattedMessage id={`deadline.${target}`} />
                </Table.Th>
                <Table.Td>
                  {due ? <FormattedDate value={due} dateStyle="medium" timeStyle="short" /> : '—'}
                </Table.Td>
                <Table.Td>
                  {state === 'breached' ? (
                    <Badge color={slaColors.breached} variant="filled">
                      <FormattedMessage id="sla.breached" />
                    </Badge>
                  ) : state === 'met' ? (
                    <Badge color={slaColors.onTrack} variant="filled">
                      <FormattedMessage id="sla.met" />
                    </Badge>
                  ) : (
                    <Countdown due={due} />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
