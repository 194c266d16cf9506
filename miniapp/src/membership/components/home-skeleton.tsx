import { Text, View } from '@tarojs/components'
import './home-skeleton.css'

/** Placeholder shaped like the tier card and ladder while GET /api/me is in flight. */
export function HomeSkeleton() {
  return (
    <View className='home-skeleton' aria-busy='true'>
      <View className='home-skeleton__card'>
        <View className='home-skeleton__line home-skeleton__line--short' />
        <View className='home-skeleton__line' />
      </View>
      <View className='home-skeleton__panel'>
        <View className='home-skeleton__line' />
        <View className='home-skeleton__line' />
        <View className='home-skeleton__line home-skeleton__line--short' />
      </View>
      <Text className='home-skeleton__text'>加载中…</Text>
    </View>
  )
}
