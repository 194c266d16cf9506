import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import type { AuditLogEntry, AuditLogPage, OperatorList } from '@mc/shared'
import { shanghaiDateTime } from '../../../format'
import { auditActionLabel, auditActionLabels, auditDetailLines, auditTargetLabel } from '../../audit/audit-copy'
import { consoleCall } from '../../console-call'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { ConsoleTable } from '../../components/console-table'
import { Field } from '../../components/field'
import { consoleFailureOf, useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import './index.css'

interface Filter {
  actor?: string
  action?: string
  from?: string
  to?: string
}

const actionChoices = Object.keys(auditActionLabels)

export default function MerchantAuditPage() {
  const ready = useConsoleAccess('audit')
  const canListOperators = useCan('operators.manage')
  const [filter, setFilter] = useState<Filter>({})
  const [more, setMore] = useState<{ entries: AuditLogEntry[]; nextCursor: string | null } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreProblem, setMoreProblem] = useState<string | null>(null)
  const operators = useConsoleLoad<OperatorList | null>(ready, async () =>
    canListOperators ? consoleCall((api) => api.admin.operators.$get()) : null,
  )
  const page = useConsoleLoad<AuditLogPage>(
    ready,
    async () => {
      setMore(null)
      return consoleCall((api) => api.admin['audit-log'].$get({ query: queryOf(filter) }))
    },
    JSON.stringify(filter),
  )
  const entries = [...(page.data?.entries ?? []), ...(more?.entries ?? [])]
  const nextCursor = more ? more.nextCursor : (page.data?.nextCursor ?? null)

  const loadMore = async () => {
    if (!nextCursor) return
    setLoadingMore(true)
    setMoreProblem(null)
    try {
      const next = await consoleCall((api) =>
        api.admin['audit-log'].$get({ query: { ...queryOf(filter), cursor: nextCursor } }),
      )
      setMore({ entries: [...(more?.entries ?? []), ...next.entries], nextCursor: next.nextCursor })
    } catch (error) {
      setMoreProblem(consoleFailureOf(error).message)
    } finally {
      setLoadingMore(false)
    }
  }

  const operatorChoices = operators.data?.operators ?? []
  const actorIndex = operatorChoices.findIndex((o) => `operator:${o.id}` === filter.actor)
  const actionIndex = filter.action ? actionChoices.indexOf(filter.action) : -1
  const filtered = Object.values(filter).some(Boolean)

  return (
    <ConsoleShell
      active='audit'
      title='操作日志'
      actions={
        <ConsoleButton size='small' onClick={() => void page.reload()}>
          刷新
        </ConsoleButton>
      }
    >
      <View className='console-card' data-testid='merchant-audit'>
        <View className='console-toolbar audit__filters'>
          {operatorChoices.length > 0 ? (
            <Field label='操作人'>
              <Picker
                mode='selector'
                range={['全部', ...operatorChoices.map((o) => `${o.name}（${o.login}）`)]}
                value={actorIndex + 1}
                onChange={(e) => {
                  const index = Number(e.detail.value) - 1
                  setFilter({ ...filter, actor: index >= 0 ? `operator:${operatorChoices[index].id}` : undefined })
                }}
              >
                <View className='console-input audit__picker' data-testid='audit-filter-actor'>
                  {actorIndex >= 0 ? operatorChoices[actorIndex].name : '全部'}
                </View>
              </Picker>
            </Field>
          ) : null}
          <Field label='操作'>
            <Picker
              mode='selector'
              range={['全部', ...actionChoices.map(auditActionLabel)]}
              value={actionIndex + 1}
              onChange={(e) => {
                const index = Number(e.detail.value) - 1
                setFilter({ ...filter, action: index >= 0 ? actionChoices[index] : undefined })
              }}
            >
              <View className='console-input audit__picker' data-testid='audit-filter-action'>
                {filter.action ? auditActionLabel(filter.action) : '全部'}
              </View>
            </Picker>
          </Field>
          <Field label='开始日期'>
            <Picker
              mode='date'
              value={filter.from ?? ''}
              onChange={(e) => setFilter({ ...filter, from: e.detail.value })}
            >
              <View className='console-input audit__picker'>{filter.from ?? '不限'}</View>
            </Picker>
          </Field>
          <Field label='结束日期'>
            <Picker mode='date' value={filter.to ?? ''} onChange={(e) => setFilter({ ...filter, to: e.detail.value })}>
              <View className='console-input audit__picker'>{filter.to ?? '不限'}</View>
            </Picker>
          </Field>
          {filtered ? (
            <ConsoleButton className='audit__clear' onClick={() => setFilter({})}>
              清除筛选
            </ConsoleButton>
          ) : null}
        </View>

        {page.failure ? <View className='console-notice console-notice--error'>{page.failure.message}</View> : null}
        {page.data ? (
          <ConsoleTable
            rows={entries}
            rowKey={(e) => e.id}
            rowTestId={(e) => `audit-${e.action}`}
            empty={filtered ? '没有符合条件的记录' : '还没有操作记录'}
            columns={[
              {
                key: 'action',
                title: '操作',
                main: true,
                render: (e) => <Text>{auditActionLabel(e.action)}</Text>,
              },
              {
                key: 'actor',
                title: '操作人',
                render: (e) => (
                  <Text>
                    {e.actorName}
                    {e.actorKind === 'api_key' ? '（API 密钥）' : ''}
                  </Text>
                ),
              },
              {
                key: 'target',
                title: '对象',
                render: (e) => (
                  <View className='console-form'>
                    <Text>{auditTargetLabel(e.targetType)}</Text>
                    <Text className='console-muted audit__id'>{e.targetId}</Text>
                  </View>
                ),
              },
              {
                key: 'detail',
                title: '详情',
                render: (e) => (
                  <View className='console-form audit__detail'>
                    {auditDetailLines(e.detail).map((line) => (
                      <Text key={line} className='console-muted'>
                        {line}
                      </Text>
                    ))}
                  </View>
                ),
              },
              { key: 'time', title: '时间', render: (e) => <Text>{shanghaiDateTime(e.createdAt)}</Text> },
            ]}
          />
        ) : page.failure ? null : (
          <View className='console-empty'>加载中…</View>
        )}
        {moreProblem ? <View className='console-notice console-notice--error'>{moreProblem}</View> : null}
        {nextCursor ? (
          <View className='console-more'>
            <ConsoleButton loading={loadingMore} testId='audit-more' onClick={() => void loadMore()}>
              加载更多
            </ConsoleButton>
          </View>
        ) : entries.length > 0 ? (
          <View className='console-more console-muted'>没有更多了</View>
        ) : null}
      </View>
    </ConsoleShell>
  )
}

function queryOf(filter: Filter): Record<string, string> {
  const query: Record<string, string> = { limit: '30' }
  for (const [key, value] of Object.entries(filter)) if (value) query[key] = value
  return query
}
