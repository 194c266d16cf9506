import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { AdminMemberDetail } from '@mc/shared'
import { chineseDate, groupThousands, shanghaiDateTime } from '../../format'
import { MemberPhone } from './member-phone'
import { sourceChannelLabels, tierChangeLabels } from './members-copy'

/** One label–value line of a card. */
export function InfoRow({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='member-info__row' data-testid={testId}>
      <Text className='member-info__label'>{label}</Text>
      <View className='member-info__value'>{children}</View>
    </View>
  )
}

/** Who the member is: name, phone (masked or revealable), card, birthday, when and where they joined. */
export function ProfileCard({ member }: { member: AdminMemberDetail['member'] }) {
  const source = member.sourceChannel
    ? `${sourceChannelLabels[member.sourceChannel]}${member.sourceOutlet ? ` · ${member.sourceOutlet.name}` : ''}`
    : '—'
  return (
    <View className='console-card'>
      <Text className='console-card__title member-card__title'>基本资料</Text>
      <View className='member-info'>
        <InfoRow label='昵称'>{member.nickname}</InfoRow>
        <InfoRow label='手机号'>
          <MemberPhone memberId={member.id} phone={member.phone} phoneMasked={member.phoneMasked} />
        </InfoRow>
        <InfoRow label='会员卡号'>{member.cardNo ?? '—'}</InfoRow>
        <InfoRow label='生日'>{member.birthday ? chineseDate(member.birthday) : '未填写'}</InfoRow>
        <InfoRow label='入会时间'>{member.joinedAt ? shanghaiDateTime(member.joinedAt) : '尚未入会'}</InfoRow>
        <InfoRow label='来源'>{source}</InfoRow>
        <InfoRow label='注册时间'>{shanghaiDateTime(member.createdAt)}</InfoRow>
        <InfoRow label='会员 ID'>
          <Text className='member-info__mono'>{member.id}</Text>
        </InfoRow>
      </View>
    </View>
  )
}

/** Tier and growth as the member's own home computes them, plus both balances. */
export function StandingCard({ detail }: { detail: AdminMemberDetail }) {
  const { standing, balances } = detail
  return (
    <View className='console-card' data-testid='member-standing'>
      <View className='console-card__head'>
        <Text className='console-card__title'>等级与余额</Text>
        {standing ? (
          <Text className='member-tier' style={{ background: standing.tier.color }}>
            {standing.tier.name}
          </Text>
        ) : (
          <Text className='console-badge'>未入会</Text>
        )}
      </View>
      <View className='member-figures'>
        <Figure
          label='可用积分'
          value={standing ? standing.points.available : balances.points}
          testId='member-points'
        />
        <Figure label='冻结积分' value={balances.pointsHeld} />
        <Figure label='计入成长值' value={standing?.growth ?? balances.growth} testId='member-growth' />
        <Figure label='待计入成长值' value={standing?.pendingGrowth ?? 0} />
        <Figure label='即将失效成长值' value={standing?.atRiskGrowth ?? 0} />
        <Figure label='30 天内到期积分' value={standing?.points.expiringSoon ?? 0} />
      </View>
      {standing ? <StandingNotes standing={standing} balances={balances} /> : null}
    </View>
  )
}

function StandingNotes({
  standing,
  balances,
}: { standing: NonNullable<AdminMemberDetail['standing']> } & {
  balances: AdminMemberDetail['balances']
}) {
  return (
    <View className='member-info member-info--notes'>
      {standing.nextTier ? (
        <View className='member-progress'>
          <View className='member-progress__bar'>
            <View className='member-progress__fill' style={{ width: `${Math.min(100, standing.percent)}%` }} />
          </View>
          <Text className='console-muted'>
            距 {standing.nextTier.name} 还差 {groupThousands(standing.growthNeeded)} 成长值（{standing.percent}%）
          </Text>
        </View>
      ) : (
        <Text className='console-muted'>已是最高等级</Text>
      )}
      <InfoRow label='等级有效期至'>{standing.validUntil ? chineseDate(standing.validUntil) : '长期'}</InfoRow>
      {standing.retain ? (
        <InfoRow label='保级要求'>
          {`${chineseDate(standing.retain.byDay)}前达到 ${groupThousands(standing.retain.threshold)}`}
          {standing.retain.growthShort > 0 ? `，还差 ${groupThousands(standing.retain.growthShort)}` : '，已达成'}
        </InfoRow>
      ) : null}
      <InfoRow label='积分余额'>
        {`${groupThousands(balances.points)}（冻结 ${groupThousands(balances.pointsHeld)}）`}
        {standing.points.debt > 0 ? `，退款欠扣 ${groupThousands(standing.points.debt)}` : ''}
      </InfoRow>
    </View>
  )
}

function Figure({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <View className='member-figure'>
      <Text className='console-stat__label'>{label}</Text>
      <Text className='member-figure__value' data-testid={testId}>
        {groupThousands(value)}
      </Text>
    </View>
  )
}

/** Every tier change, newest first: how the member got where they are, under which rule version. */
export function TierTrajectoryCard({ changes }: { changes: AdminMemberDetail['tierChanges'] }) {
  return (
    <View className='console-card'>
      <Text className='console-card__title member-card__title'>等级轨迹</Text>
      {changes.length === 0 ? (
        <View className='console-empty'>暂无等级变动</View>
      ) : (
        <View className='member-timeline'>
          {changes.map((change) => (
            <View key={change.id} className={`member-timeline__item member-timeline__item--${change.kind}`}>
              <View className='member-timeline__dot' />
              <View className='member-timeline__body'>
                <Text className='member-timeline__title'>
                  {tierChangeLabels[change.kind]}
                  {change.fromName && change.kind !== 'retain'
                    ? `：${change.fromName} → ${change.toName}`
                    : `：${change.toName}`}
                </Text>
                <Text className='console-muted'>
                  {chineseDate(change.businessDay)} · 成长值 {groupThousands(change.growth)} · 规则 v
                  {change.ruleVersion}
                  {change.validUntil ? ` · 有效期至 ${chineseDate(change.validUntil)}` : ''}
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
