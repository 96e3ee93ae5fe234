import { Alert, Anchor, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { ApiError } from '../../../lib/api-client.js';
import { useAuditTrail, useComplaint } from '../api/get-complaint.js';
import { AuditTrail } from '../components/audit-trail.js';
import { ComplaintHeader } from '../components/complaint-header.js';
import { Timeline } from '../components/timeline.js';

const route = getRouteApi('/complaints/$complaintId');

/** One complaint, read-only: header with every deadline, description, timeline and audit trail. */
export function ComplaintPage() {
  const { complaintId } = route.useParams();
  const complaint = useComplaint(complaintId);
  const audit = useAuditTrail(complaintId);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/queue" size="sm">
        <FormattedMessage id="complaint.back" />
      </Anchor>
      {complaint.isPending ? (
        <Loader aria-label="…" />
      ) : complaint.isError ? (
        <Alert color="red" role="alert">
          {complaint.error instanceof ApiError && complaint.error.status === 404 ? (
            <FormattedMessage id="complaint.notFound" />
          ) : (
            <FormattedMessage id="common.error" values={{ detail: complaint.error.message }} />
          )}
        </Alert>
      ) : (
        <>
          <ComplaintHeader complaint={complaint.data} />
          <section aria-labelledby="description">
            <Title order={2} size="h4" id="description" mb="xs">
              <FormattedMessage id="complaint.description" />
            </Title>
            <Paper withBorder p="md">
              {/* As text: an HTML or script probe in a complaint shows as written. */}
              <Text style={{ whiteSpace: 'pre-wrap' }}>{complaint.data.description}</Text>
            </Paper>
          </section>
          <section aria-labelledby="timeline">
            <Title order={2} size="h4" id="timeline" mb="xs">
              <FormattedMessage id="complaint.timeline" />
            </Title>
            <Timeline entries={complaint.data.timeline} audit={audit.data?.events ?? []} />
          </section>
          <section aria-labelledby="audit">
            <Title order={2} size="h4" id="audit" mb="xs">
              <FormattedMessage id="complaint.audit" />
            </Title>
            {audit.isPending ? (
              <Loader aria-label="…" />
            ) : audit.isError ? (
              <Alert color="red" role="alert">
                <FormattedMessage id="common.error" values={{ detail: audit.error.message }} />
              </Alert>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  <FormattedMessage id="complaint.events" values={{ count: audit.data.events.length }} />
                </Text>
                <AuditTrail events={audit.data.events} />
              </>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}
