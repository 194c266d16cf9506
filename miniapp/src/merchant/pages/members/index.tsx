import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { MemberSearchPage, MemberSearchRow } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { merchantMemberRoute } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { consoleCall } from '../../console-call'
import { MemberPhone } from '../../members/member-phone'
import { matchedByLabels } from '../../members/members-copy'
import '../../console.css'
import '../../members/members.css'
import { openPage } from '../../../open-page'

interface Results {
  q: string
  matchedBy: MemberSearchPage['matchedBy']
  members: MemberSearchRow[]
  nextCursor: string | null
}

/** Member lookup: by phone or card number (exact) or the start of a nickname; the newest members when empty. */
export default function MerchantMembersPage() {
  const allowed = useConsoleAccess('members')
  const [text, setText] = useState('')
  const [results, setResults] = useState<Results | null>(null)
  const [loading, setLoading] = useState<'search' | 'more' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef('')

  const search = async (q: string, cursor?: string) => {
    latest.current = q
    setLoading(cursor ? 'more' : 'search')
    setError(null)
    try {
      const page = await consoleCall((api) =>
        api.admin.members.$get({ query: { ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } }),
      )
      // An older search answering late must not replace what the box now says.
      if (latest.current !== q) return
      setResults((shown) => ({
        q,
        matchedBy: page.matchedBy,
        members: cursor && shown ? [...shown.members, ...page.members] : page.members,
        nextCursor: page.nextCursor,
      }))
    } catch (failure) {
      if (latest.current === q) setError(failureOf(failure).message)
    } finally {
      setLoading(null)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the newest members once, when the guard lets us in.
  useEffect(() => {
    if (allowed) void search('')
  }, [allowed])

  const submit = () => void search(text.trim())
  const open = (row: MemberSearchRow) => void openPage(merchantMemberRoute(row.id))

  return (
    <ConsoleShell active='members' title='会员'>
      <View className='console-card'>
        <View className='members-search'>
          <Input
            className='console-input members-search__input'
            name='member-search'
            placeholder='手机号、会员卡号或昵称'
            maxlength={32}
            value={text}
            confirmType='search'
            onInput={(e) => setText(e.detail.value)}
            onConfirm={submit}
          />
          <ConsoleButton kind='primary' testId='member-search-submit' loading={loading === 'search'} onClick={submit}>
            搜索
          </ConsoleButton>
        </View>
        <Text className='console-muted members-search__hint'>
          11 位手机号、会员卡号精确查找；其他内容按昵称开头查找。留空显示最近加入的会员。
        </Text>
      </View>

      <View className='console-card'>
        {results ? (
          <View className='console-card__head'>
            <Text className='console-card__title'>{results.q ? `“${results.q}”的结果` : '会员列表'}</Text>
            <Text className='console-card__sub'>{matchedByLabels[results.matchedBy]}</Text>
          </View>
        ) : null}
        {error ? <View className='console-notice console-notice--error'>{error}</View> : null}
        {results === null ? (
          <View className='console-empty'>{error ? '' : '加载中…'}</View>
        ) : (
          <ConsoleTable
            columns={memberColumns(open)}
            rows={results.members}
            rowKey={(row) => row.id}
            rowTestId={(row) => `member-row-${row.id}`}
            empty={results.q ? '没有找到匹配的会员' : '还没有会员'}
          />
        )}
        {results?.nextCursor ? (
          <View className='console-more'>
            <ConsoleButton
              loading={loading === 'more'}
              onClick={() => void search(results.q, results.nextCursor ?? undefined)}
            >
              加载更多
            </ConsoleButton>
          </View>
        ) : null}
      </View>
    </ConsoleShell>
  )
}

function memberColumns(open: (row: MemberSearchRow) => void): ConsoleColumn<MemberSearchRow>[] {
  return [
    {
      key: 'nickname',
      title: '会员',
      main: true,
      render: (row) => (
        <Text className='members-link' data-testid={`member-open-${row.id}`} onClick={() => open(row)}>
          {`${row.nickname} ›`}
        </Text>
      ),
    },
    {
      key: 'phone',
      title: '手机号',
      render: (row) => <MemberPhone memberId={row.id} phone={row.phone} phoneMasked={row.phoneMasked} />,
    },
    { key: 'card', title: '会员卡号', render: (row) => row.cardNo ?? '—' },
    {
      key: 'tier',
      title: '等级',
      render: (row) =>
        row.tier ? (
          <Text className='console-badge console-badge--green'>{row.tier.name}</Text>
        ) : (
          <Text className='console-badge'>未入会</Text>
        ),
    },
    { key: 'outlet', title: '来源门店', render: (row) => row.sourceOutlet?.name ?? '—' },
    { key: 'joined', title: '入会时间', render: (row) => (row.joinedAt ? shanghaiDateTime(row.joinedAt) : '—') },
  ]
}
