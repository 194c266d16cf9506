import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import './retain-how.css'

/** The 怎么算 link under a 保级 line and the small sheet it opens: the rules and the member's own sum. */
export interface RetainHowProps {
  lines: readonly string[]
}

export function RetainHow({ lines }: RetainHowProps) {
  const [open, setOpen] = useState(false)
  return (
    <View className='retain-how'>
      <Text className='retain-how__toggle' onClick={() => setOpen(!open)}>
        {open ? '收起' : '怎么算 ›'}
      </Text>
      {open && (
        <View className='retain-how__sheet'>
          {lines.map((line) => (
            <Text key={line} className='bullet-line retain-how__line'>
              {line}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}
