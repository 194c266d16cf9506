import { Text, View } from '@tarojs/components'
import type { MeResponse } from '@mc/shared'
import { atRiskGrowthText, pendingGrowthText, retainSentence } from '../progress-copy'
import '../../components/page-shell/index.css'
import './growth-notes.css'

/** What keeps the tier and what is about to change in growth; renders nothing when there is nothing to tell. */
export interface GrowthNotesProps {
  me: Pick<MeResponse, 'retain' | 'pendingGrowth' | 'atRiskGrowth'>
}

// Each row is marked with one character in a tinted square rather than an icon: NutUI's icons each embed an SVG of
// about 2 KB in the main package, and a character reads just as well here.
interface Note {
  key: string
  mark: string
  text: string
  /** Smaller second line explaining the first. */
  hint?: string
  tone: 'ok' | 'info' | 'warn'
}

export function GrowthNotes({ me }: GrowthNotesProps) {
  const notes = collectNotes(me)
  if (notes.length === 0) return null
  return (
    <View className='page-card growth-notes'>
      <Text className='growth-notes__title'>保级与成长值</Text>
      {notes.map((note) => (
        <View key={note.key} className={`card-row growth-notes__row growth-notes__row--${note.tone}`}>
          <Text className='row-mark growth-notes__mark'>{note.mark}</Text>
          <View className='growth-notes__body'>
            <Text className='growth-notes__text'>{note.text}</Text>
            {note.hint && <Text className='growth-notes__hint'>{note.hint}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}

function collectNotes(me: GrowthNotesProps['me']): Note[] {
  const notes: Note[] = []
  const retain = retainSentence(me.retain)
  if (retain !== null) {
    const kept = me.retain !== null && me.retain.growthShort <= 0
    notes.push({
      key: 'retain',
      mark: '保',
      text: retain,
      tone: kept ? 'ok' : 'warn',
    })
  }
  const pending = pendingGrowthText(me.pendingGrowth)
  if (pending !== null) {
    notes.push({ key: 'pending', mark: '待', text: pending, hint: '订单完成后计入成长值', tone: 'info' })
  }
  const atRisk = atRiskGrowthText(me.atRiskGrowth)
  if (atRisk !== null) {
    notes.push({ key: 'at-risk', mark: '期', text: atRisk, hint: '继续消费可补足成长值', tone: 'warn' })
  }
  return notes
}
