import { View } from '@tarojs/components'
import { itfElements } from '../itf-barcode'
import './code-bars.css'

/** The member code as an ITF barcode, drawn as plain views so no barcode library ships in the app. */
export function CodeBars({ code }: { code: string }) {
  const elements = itfElements(code)
  if (!elements) return null
  const total = elements.reduce((sum, e) => sum + e, 0)
  return (
    <View className='code-bars' aria-hidden>
      {elements.map((width, i) => (
        <View
          // biome-ignore lint/suspicious/noArrayIndexKey: the bars are fixed positions that are never reordered
          key={i}
          className={i % 2 === 0 ? 'code-bars__bar' : 'code-bars__space'}
          style={{ width: `${(width * 100) / total}%` }}
        />
      ))}
    </View>
  )
}
