import { Group, MultiSelect, Radio, Select, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/messages/en.js';
import { channels, priorities, statuses } from '../../../lib/complaint-types.js';
import { type QueueSearch, queueSorts, queueViews } from '../search.js';

export interface QueueFiltersProps {
  search: QueueSearch;
  /** The user's team; without one the team view is not offered. */
  team?: string | undefined;
  /** A change of view; the page goes back to the first page (a cursor belongs to one view). */
  onChange: (next: Partial<QueueSearch>) => void;
}

export function QueueFilters({ search, team, onChange }: QueueFiltersProps) {
  const intl = useIntl();
  const [q, setQ] = useState(search.q ?? '');
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <Group align="end" gap="md" wrap="wrap">
      {/* Radios, not a SegmentedControl: its floating indicator measures the layout as the table mounts. */}
      <Radio.Group
        label={t('queue.view.label')}
        value={search.view ?? 'all'}
        onChange={(view) =>
          onChange({ view: view === 'all' ? undefined : queueViews.find((v) => v === view) })
        }
      >
        <Group gap="md" mih={36}>
          {queueViews
            .filter((view) => view !== 'team' || team || search.view === 'team')
            .map((view) => (
              <Radio key={view} value={view} label={t(`queue.view.${view}`)} />
            ))}
        </Group>
      </Radio.Group>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: q.trim() || undefined });
        }}
      >
        <TextInput
          label={t('queue.search')}
          placeholder={t('queue.search.placeholder')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          onBlur={() => onChange({ q: q.trim() || undefined })}
          w={280}
        />
      </form>
      <MultiSelect
        label={t('queue.filter.status')}
        data={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={search.status ?? []}
        onChange={(value) =>
          onChange({ status: value.length ? (value as QueueSearch['status']) : undefined })
        }
        clearable
        w={240}
      />
      <MultiSelect
        label={t('queue.filter.priority')}
        data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
        value={search.priority ?? []}
        onChange={(value) =>
          onChange({ priority: value.length ? (value as QueueSearch['priority']) : undefined })
        }
        clearable
        w={200}
      />
      <MultiSelect
        label={t('queue.filter.channel')}
        data={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        value={search.channel ?? []}
        onChange={(value) =>
          onChange({ channel: value.length ? (value as QueueSearch['channel']) : undefined })
        }
        clearable
        w={200}
      />
      <Select
        label={t('queue.sort')}
        data={queueSorts.map((s) => ({ value: s, label: t(`queue.sort.${s}`) }))}
        value={search.sort ?? '-receivedAt'}
        onChange={(value) =>
          onChange({ sort: value && value !== '-receivedAt' ? (value as QueueSearch['sort']) : undefined })
        }
        allowDeselect={false}
        w={240}
      />
      <Switch
        label={t('queue.filter.breached')}
        checked={search.breached ?? false}
        onChange={(event) => onChange({ breached: event.currentTarget.checked || undefined })}
        mb={8}
      />
    </Group>
  );
}
