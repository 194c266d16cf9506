import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ExpiringLot } from '@mc/shared'
import { chineseDate, groupThousands } from '../../format'
import { extendedFromText, extensionButtonText, lastUsableDay } from '../expiry-copy'
import './lot-extensions.css'

export interface LotExtensionsProps {
  /** Lots offered an extension or already extended (see `extensionLots`). */
  lots: readonly ExpiringLot[]
  /** The lot whose extension is on its way, if any: its button waits, the others are disabled. */
  extendingLotId: string | null
  onExtend(lot: ExpiringLot): void
}

/** 积分延期: one line per lot that can be extended (with its cost and new date) or already was (with its old date). */
export function LotExtensions({ lots, extendingLotId, onExtend }: LotExtensionsProps) {
  return (
    <View className='lot-extensions'>
      {lots.map((lot) => (
        <View key={lot.lotId} className='card-row lot-extensions__row' data-testid={`lot-${lot.lotId}`}>
          <View className='lot-extensions__main'>
            <Text className='lot-extensions__points'>{groupThousands(lot.points)} 积分</Text>
            <Text className='lot-extensions__when'>{chineseDate(lastUsableDay(lot.expiresAt))} 到期</Text>
            {lot.extendedFrom && <Text className='lot-extensions__done'>{extendedFromText(lot.extendedFrom)}</Text>}
          </View>
          {lot.extension && (
            // A plain View: Taro's H5 Button brings its own grey look, which this orange pill replaces.
            <View
              className={`lot-extensions__button${extendingLotId !== null ? ' lot-extensions__button--waiting' : ''}`}
              role='button'
              aria-disabled={extendingLotId !== null}
              onClick={() => extendingLotId === null && onExtend(lot)}
            >
              <Text>{extendingLotId === lot.lotId ? '延期中…' : extensionButtonText(lot.extension)}</Text>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

/** Asks before spending points; resolves true when the member confirms. */
export async function confirmExtension(question: string): Promise<boolean> {
  const answer = await Taro.showModal({ title: '积分延期', content: question, confirmText: '确认延期' })
  return answer.confirm
}
