import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { AdminHistoryEntry } from '@mc/shared'
import { failureOf } from '../../api/client'
import { groupThousands, shanghaiDateTime } from '../../format'
import { ConsoleButton } from '../components/console-button'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { consoleCall } from '../console-call'
import { Chip } from '../mall/chip'
import { actorLabels, ledgerLabels, signedAmount, type LedgerName } from './members-copy'

export interface LedgerCardProps {
  memberId: string
  ledger: LedgerName
  onLedgerChange: (ledger: LedgerName) => void
  /** Bumped after a change to the member, so the first page is read again. */
  reloadKey: number
}

interface Loaded {
  ledger: LedgerName
  entries: AdminHistoryEntry[]
  nextCursor: string | null
}

/** Both ledgers, one at a time, newest first and paged by cursor: each entry with its reason and rule version. */
export function LedgerCard({ memberId, ledger, onLedgerChange, reloadKey }: LedgerCardProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const wanted = useRef(ledger)
  wanted.current = ledger

  const load = async (which: LedgerName, cursor?: string) => {
    setLoading(true)
    setError(null)
    try {
      const page = await consoleCall((api) =>
        api.admin.members[':memberId'].ledger.$get({
          param: { memberId },
          query: { ledger: which, ...(cursor ? { cursor } : {}) },
        }),
      )
      if (wanted.current !== which) return
      setLoaded((shown) => ({
        ledger: which,
        entries: cursor && shown?.ledger === which ? [...shown.entries, ...page.entries] : page.entries,
        nextCursor: page.nextCursor,
      }))
    } catch (failure) {
      setError(failureOf(failure).message)
    } finally {
      setLoading(false)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page again whenever one of these changes.
  useEffect(() => {
    void load(ledger)
  }, [memberId, ledger, reloadKey])

  const shown = loaded?.ledger === ledger ? loaded : null
  return (
    <View className='console-card' data-testid='member-ledger'>
      <View className='console-card__head'>
        <Text className='console-card__title'>账本明细</Text>
        <View className='console-chips'>
          {(['points', 'growth'] as const).map((name) => (
            <Chip key={name} on={ledger === name} testId={`ledger-tab-${name}`} onClick={() => onLedgerChange(name)}>
              {ledgerLabels[name]}
            </Chip>
          ))}
        </View>
      </View>
      {error ? <View className='console-notice console-notice--error'>{error}</View> : null}
      {shown === null ? (
        <View className='console-empty'>{error ? '' : '加载中…'}</View>
      ) : (
        <ConsoleTable
          columns={entryColumns}
          rows={shown.entries}
          rowKey={(entry) => entry.id}
          rowTestId={(entry) => `ledger-entry-${entry.id}`}
          empty={`暂无${ledgerLabels[ledger]}记录`}
        />
      )}
      {shown?.nextCursor ? (
        <View className='console-more'>
          <ConsoleButton loading={loading} onClick={() => void load(ledger, shown.nextCursor ?? undefined)}>
            加载更多
          </ConsoleButton>
        </View>
      ) : null}
    </View>
  )
}

const entryColumns: ConsoleColumn<AdminHistoryEntry>[] = [
  {
    key: 'reason',
    title: '原因',
    main: true,
    render: (entry) => (
      <View className='ledger-reason'>
        <Text>{entry.reason}</Text>
        <Text className='console-muted ledger-reason__meta'>
          {`${entry.kindLabel} · ${shanghaiDateTime(entry.occurredAt)}`}
        </Text>
      </View>
    ),
  },
  {
    key: 'amount',
    title: '变动',
    end: true,
    render: (entry) => (
      <Text className={`ledger-amount ${entry.amount > 0 ? 'ledger-amount--in' : 'ledger-amount--out'}`}>
        {signedAmount(entry.amount)}
      </Text>
    ),
  },
  {
    key: 'balance',
    title: '余额',
    end: true,
    render: (entry) => <Text className='member-nowrap'>{groupThousands(entry.balanceAfter)}</Text>,
  },
  {
    key: 'source',
    title: '规则版本 · 操作方',
    render: (entry) => <Text className='member-nowrap'>{`v${entry.ruleVersion} · ${actorLabels[entry.actor]}`}</Text>,
  },
]
