import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/messages/en.js';
import { channels } from '../../../lib/complaint-types.js';
import { type DashboardSearch, regimes } from '../search.js';

/** The period, team, channel, category and legal clock of every figure; each change goes to the URL. */
export function DashboardFilters({
  search,
  onChange,
}: {
  search: DashboardSearch;
  onChange: (next: Partial<DashboardSearch>) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [team, setTeam] = useState(search.team ?? '');
  const [category, setCategory] = useState(search.category ?? '');
  const commit = () => onChange({ team: team.trim() || undefined, category: category.trim() || undefined });
  return (
    <form
      className="dashboard-filters"
      aria-label={t('dashboard.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        commit();
      }}
    >
      <Group align="end" gap="md" wrap="wrap">
        <TextInput
          type="date"
          label={t('dashboard.filter.from')}
          value={search.from ?? ''}
          onChange={(event) => onChange({ from: event.currentTarget.value || undefined })}
          w={160}
        />
        <TextInput
          type="date"
          label={t('dashboard.filter.to')}
          value={search.to ?? ''}
          onChange={(event) => onChange({ to: event.currentTarget.value || undefined })}
          w={160}
        />
        <TextInput
          label={t('dashboard.team')}
          value={team}
          onChange={(event) => setTeam(event.currentTarget.value)}
          onBlur={commit}
          w={160}
        />
        <MultiSelect
          label={t('queue.filter.channel')}
          data={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          value={search.channel ?? []}
          onChange={(value) =>
            onChange({ channel: value.length ? (value as DashboardSearch['channel']) : undefined })
          }
          clearable
          w={220}
        />
        <TextInput
          label={t('dashboard.category')}
          value={category}
          onChange={(event) => setCategory(event.currentTarget.value)}
          onBlur={commit}
          w={160}
        />
        <Select
          label={t('dashboard.filter.regime')}
          data={[
            { value: 'any', label: t('dashboard.regime.any') },
            ...regimes.map((r) => ({ value: r, label: t(`dashboard.regime.${r}`) })),
          ]}
          value={search.regime ?? 'any'}
          onChange={(value) =>
            onChange({ regime: value && value !== 'any' ? (value as DashboardSearch['regime']) : undefined })
          }
          allowDeselect={false}
          w={200}
        />
        <Button type="submit" variant="default">
          <FormattedMessage id="dashboard.filter.apply" />
        </Button>
      </Group>
    </form>
  );
}
