import { Text, View } from '@tarojs/components'
import './index.css'

/** A warning line in a pale red box; `className` names the box, and its mark and text get `-mark` and `-text`. */
export interface AlertNoteProps {
  className: string
  text: string
  testId?: string
}

export function AlertNote({ className, text, testId }: AlertNoteProps) {
  return (
    <View className={`alert-note ${className}`} role='alert' data-testid={testId}>
      {/* Drawn in CSS: NutUI's icons each add an embedded SVG to the main package. */}
      <Text className={`alert-note__mark ${className}-mark`}>!</Text>
      <Text className={`alert-note__text ${className}-text`}>{text}</Text>
    </View>
  )
}
