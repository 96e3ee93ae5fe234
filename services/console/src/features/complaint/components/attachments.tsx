import { Anchor, Group, List, Text } from '@mantine/core';
import { FormattedMessage, FormattedNumber } from 'react-intl';
import type { AttachmentRef, TimelineEntry } from '../../../lib/complaint-types.js';

/** The download path of a stored file, through the console's proxy to intake (role-checked there too). */
export const attachmentHref = (complaintId: string, objectKey: string) =>
  `/api/intake/v1/complaints/${encodeURIComponent(complaintId)}/attachments/${encodeURIComponent(objectKey)}`;

/** Every file the complaint's events reference, oldest first, each a download link (or its external link). */
export function Attachments({ complaintId, entries }: { complaintId: string; entries: TimelineEntry[] }) {
  const files = entries.flatMap((entry) =>
    (entry.attachments ?? []).map((file, index) => ({
      file,
      key: `${entry.eventId}-${index}`,
      at: entry.at,
    })),
  );
  if (files.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="complaint.noAttachments" />
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none">
      {files.map(({ file, key }) => (
        <List.Item key={key}>
          <Group gap="xs">
            <FileLink complaintId={complaintId} file={file} />
            <Text size="sm" c="dimmed">
              {file.contentType}, <FormattedNumber value={file.sizeBytes / 1024} maximumFractionDigits={0} />{' '}
              KB
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

function FileLink({ complaintId, file }: { complaintId: string; file: AttachmentRef }) {
  // As text: a name is whatever the customer sent (safe-named by intake, never markup here).
  // An erased customer's files are gone and their ids masked (`[erased]`): no link then.
  if (file.objectKey && /^[0-9a-f-]{36}$/.test(file.objectKey))
    return (
      <Anchor href={attachmentHref(complaintId, file.objectKey)} download>
        {file.name}
      </Anchor>
    );
  if (file.url && /^https?:\/\//.test(file.url))
    return (
      <Anchor href={file.url} target="_blank" rel="noopener noreferrer nofollow">
        {file.name}
      </Anchor>
    );
  return <Text size="sm">{file.name}</Text>;
}
