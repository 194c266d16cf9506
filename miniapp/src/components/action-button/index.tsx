import type { ComponentProps } from 'react'
import { Button } from '@nutui/nutui-react-taro'

/** NutUI's Button props; the component adds nothing of its own. */
export type ActionButtonProps = ComponentProps<typeof Button>

// On H5 NutUI's Button is a <div>; the role lets screen readers and browser tests (getByRole) find it.
const buttonRole = { role: 'button' } as object

/** NutUI's Button, announced as a button on H5. */
export function ActionButton(props: ActionButtonProps) {
  return <Button {...buttonRole} {...props} />
}
