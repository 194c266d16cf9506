import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { failureOf } from '../../api/client'
import { consoleCall } from '../console-call'
import { useCan } from '../operator.store'

export interface MemberPhoneProps {
  memberId: string
  /** As the BFF sent it: whole, or masked (138****1234). */
  phone: string | null
  phoneMasked: boolean
}

/**
 * A member's phone as this operator may see it. Masked for everyone without `members.phone`; those who hold it
 * can ask for the whole number, which goes through the reveal route so the view lands in the audit log.
 */
export function MemberPhone({ memberId, phone, phoneMasked }: MemberPhoneProps) {
  const mayReveal = useCan('members.phone')
  const [revealed, setRevealed] = useState<string | null>(null)
  const [state, setState] = useState<'idle' | 'loading' | string>('idle')

  if (phone === null) return <Text className='console-muted'>未留手机号</Text>
  const reveal = async () => {
    setState('loading')
    try {
      const answer = await consoleCall((api) =>
        api.admin.members[':memberId']['phone-reveal'].$post({ param: { memberId } }),
      )
      setRevealed(answer.phone ?? '')
      setState('idle')
    } catch (error) {
      setState(failureOf(error).message)
    }
  }

  return (
    <View className='member-phone'>
      <Text className='member-phone__number' data-testid={`member-phone-${memberId}`}>
        {revealed ?? phone}
      </Text>
      {phoneMasked && revealed === null && mayReveal ? (
        <Text
          className='console-button console-button--link member-phone__reveal'
          data-testid={`member-phone-reveal-${memberId}`}
          onClick={(event) => {
            // In a clickable row, showing the number must not open the member as well.
            event.stopPropagation()
            if (state !== 'loading') void reveal()
          }}
        >
          {state === 'loading' ? '读取中…' : '显示完整号码'}
        </Text>
      ) : null}
      {state !== 'idle' && state !== 'loading' ? <Text className='console-field__error'>{state}</Text> : null}
    </View>
  )
}
