import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@mc/shared'
import { groupThousands } from '../../format'

/** The scanned member as the till shows them: name, masked phone, tier and spendable points. */
export function StaffMemberCard({ member }: { member: MemberCard }) {
  return (
    <View className='staff__member'>
      <View className='staff__avatar'>
        <Text>{member.nickname.slice(0, 1) || '会'}</Text>
      </View>
      <View className='staff__member-who'>
        <Text className='staff__member-name'>{member.nickname}</Text>
        <Text className='staff__member-phone'>
          {member.phoneMasked ?? '未绑定手机号'} · 可用积分 {groupThousands(member.pointsAvailable)}
        </Text>
      </View>
      <Text className='staff__tier'>{member.tier.name}</Text>
    </View>
  )
}
