import { Text, View } from '@tarojs/components'
import { lifecycleLabels, lifecycleStages, rfmGroups, type InsightMembersQuery } from '@mc/shared'

/**
 * The insights member list's filters: RFM group and lifecycle chips (tap again to clear), and the tier or tag a
 * link brought along, shown so they can be cleared.
 */
export function MemberFilters(props: {
  filters: InsightMembersQuery
  onChange: (filters: InsightMembersQuery) => void
}) {
  const { filters, onChange } = props
  const toggle = <K extends 'rfmGroup' | 'lifecycle'>(key: K, value: NonNullable<InsightMembersQuery[K]>) =>
    onChange({ ...filters, [key]: filters[key] === value ? undefined : value })
  return (
    <View className='console-card insights-filters' data-testid='insight-member-filters'>
      <View className='insights-filters__row'>
        <Text className='insights-filters__label'>RFM 分组</Text>
        <View className='console-chips insights-filters__chips'>
          {rfmGroups.map((group) => (
            <Text
              key={group.key}
              className={`console-chip insights-chip ${filters.rfmGroup === group.key ? 'console-chip--on' : ''}`}
              data-testid={`rfm-${group.key}`}
              onClick={() => toggle('rfmGroup', group.key)}
            >
              {group.label}
            </Text>
          ))}
        </View>
      </View>
      <View className='insights-filters__row'>
        <Text className='insights-filters__label'>生命周期</Text>
        <View className='console-chips insights-filters__chips'>
          {lifecycleStages.map((stage) => (
            <Text
              key={stage}
              className={`console-chip insights-chip ${filters.lifecycle === stage ? 'console-chip--on' : ''}`}
              data-testid={`lifecycle-${stage}`}
              onClick={() => toggle('lifecycle', stage)}
            >
              {lifecycleLabels[stage]}
            </Text>
          ))}
        </View>
      </View>
      {filters.tier || filters.tag ? (
        <View className='insights-filters__row'>
          <Text className='insights-filters__label'>其他条件</Text>
          <View className='console-chips insights-filters__chips'>
            {filters.tier ? (
              <Text
                className='console-chip insights-chip console-chip--on'
                onClick={() => onChange({ ...filters, tier: undefined })}
              >
                等级：{filters.tier} ×
              </Text>
            ) : null}
            {filters.tag ? (
              <Text
                className='console-chip insights-chip console-chip--on'
                onClick={() => onChange({ ...filters, tag: undefined })}
              >
                标签：{filters.tag} ×
              </Text>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  )
}
