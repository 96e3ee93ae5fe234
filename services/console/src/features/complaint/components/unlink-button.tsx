import { Button, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../lib/api-client.js';
import type { ComplaintLink } from '../../../lib/complaint-types.js';
import { useCurrentEtag, useSendCommand } from '../api/send-command.js';

/**
 * Unlinks one linked complaint (`UnlinkComplaints`, by its reference, with `If-Match`): the action
 * next to each link. A 412 or 409 shows below it; the page reads everything again after it.
 */
export default function UnlinkButton({ complaintId, link }: { complaintId: string; link: ComplaintLink }) {
  const intl = useIntl();
  const etag = useCurrentEtag(complaintId);
  const send = useSendCommand(complaintId);
  const error = send.error;
  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        loading={send.isPending}
        disabled={etag.data === undefined}
        aria-label={intl.formatMessage({ id: 'complaint.unlink' }, { reference: link.reference })}
        onClick={() => {
          if (etag.data === undefined) return;
          send.mutate({
            type: 'UnlinkComplaints',
            body: { linkedReference: link.reference },
            etag: etag.data,
          });
        }}
      >
        <FormattedMessage id="complaint.unlink.short" />
      </Button>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error instanceof ApiError && error.status === 412 ? (
            <FormattedMessage id="action.conflict.unknown" />
          ) : (
            <FormattedMessage
              id={error instanceof ApiError && error.status === 409 ? 'action.refused' : 'common.error'}
              values={{ detail: error.message }}
            />
          )}
        </Text>
      )}
    </>
  );
}
