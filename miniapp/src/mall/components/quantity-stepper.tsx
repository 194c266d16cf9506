import { Text, View } from '@tarojs/components'
import './quantity-stepper.css'

/** − n + between 1 and `max`; the buttons grey out at the ends. */
export interface QuantityStepperProps {
  value: number
  max: number
  disabled?: boolean
  onChange(next: number): void
}

export function QuantityStepper({ value, max, disabled = false, onChange }: QuantityStepperProps) {
  const canLess = !disabled && value > 1
  const canMore = !disabled && value < max
  return (
    <View className='stepper'>
      <View
        className={`stepper__button${canLess ? '' : ' stepper__button--off'}`}
        data-testid='quantity-minus'
        role='button'
        aria-label='减少'
        aria-disabled={!canLess}
        onClick={() => canLess && onChange(value - 1)}
      >
        <Text>−</Text>
      </View>
      <Text className='stepper__value' data-testid='quantity-value'>
        {value}
      </Text>
      <View
        className={`stepper__button${canMore ? '' : ' stepper__button--off'}`}
        data-testid='quantity-plus'
        role='button'
        aria-label='增加'
        aria-disabled={!canMore}
        onClick={() => canMore && onChange(value + 1)}
      >
        <Text>+</Text>
      </View>
    </View>
  )
}
