import { View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../components/action-button'
import './cancel-dialog.css'

/** Asks before cancelling an unpaid redemption; its own footer buttons carry test ids for browser tests. */
export interface CancelDialogProps {
  visible: boolean
  cancelling: boolean
  onConfirm(): void
  onClose(): void
}

export function CancelDialog({ visible, cancelling, onConfirm, onClose }: CancelDialogProps) {
  return (
    <Dialog
      visible={visible}
      title='取消订单'
      content='取消后积分将退回账户，库存释放给其他会员。确定要取消吗？'
      onClose={onClose}
      onCancel={onClose}
      footer={
        <View className='cancel-dialog__footer'>
          <ActionButton className='cancel-dialog__button' data-testid='cancel-dismiss' onClick={onClose}>
            再想想
          </ActionButton>
          <ActionButton
            className='cancel-dialog__button'
            type='primary'
            data-testid='cancel-confirm'
            loading={cancelling}
            onClick={onConfirm}
          >
            确认取消
          </ActionButton>
        </View>
      }
    />
  )
}
