import { Text, View } from '@tarojs/components'

/** One choice of a filter or a segmented switch; `on` marks the chosen one. */
export function Chip(props: { on: boolean; onClick: () => void; testId?: string; children: string }) {
  return (
    <View
      className={`console-chip ${props.on ? 'console-chip--on' : ''}`}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      <Text>{props.children}</Text>
    </View>
  )
}
