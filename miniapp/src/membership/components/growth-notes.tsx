import { Text, View } from '@tarojs/components'
import type { MeResponse } from '@mc/shared'
import { type Glyph, type IconTone, IconTile } from '../../components/icon'
import { ClockGlyph, RetainGlyph } from '../../components/icon/glyphs'
import { pendingGrowthText, retainStory } from '../progress-copy'
import { RetainHow } from './retain-how'
import '../../components/page-shell/index.css'
import './growth-notes.css'

/** What keeps the tier and what is about to change in growth; renders nothing when there is nothing to tell. */
export interface GrowthNotesProps {
  me: Pick<MeResponse, 'tier' | 'growth' | 'retain' | 'pendingGrowth'>
}

interface Note {
  key: string
  glyph: Glyph
  text: string
  /** Smaller second line explaining the first. */
  hint?: string
  tone: 'ok' | 'info' | 'warn'
  /** The 怎么算 sheet under the row. */
  howItWorks?: readonly string[]
}

export function GrowthNotes({ me }: GrowthNotesProps) {
  const notes = collectNotes(me)
  if (notes.length === 0) return null
  return (
    <View className='page-card growth-notes'>
      <Text className='growth-notes__title'>保级与成长值</Text>
      {notes.map((note) => (
        <View key={note.key} className={`card-row growth-notes__row growth-notes__row--${note.tone}`}>
          <IconTile className='growth-notes__mark' glyph={note.glyph} tone={noteTones[note.tone]} />
          <View className='growth-notes__body'>
            <Text className='growth-notes__text'>{note.text}</Text>
            {note.hint && <Text className='growth-notes__hint'>{note.hint}</Text>}
            {note.howItWorks && <RetainHow lines={note.howItWorks} />}
          </View>
        </View>
      ))}
    </View>
  )
}

const noteTones: Record<Note['tone'], IconTone> = { ok: 'green', info: 'blue', warn: 'orange' }

function collectNotes(me: GrowthNotesProps['me']): Note[] {
  const notes: Note[] = []
  // The retain row also says how much growth leaves the window first, so lapsing growth needs no row of its own.
  const story = retainStory(me)
  if (story !== null) {
    notes.push({
      key: 'retain',
      glyph: RetainGlyph,
      text: story.headline,
      hint: story.detail,
      tone: story.kept ? 'ok' : 'warn',
      howItWorks: story.howItWorks,
    })
  }
  const pending = pendingGrowthText(me.pendingGrowth)
  if (pending !== null) {
    notes.push({ key: 'pending', glyph: ClockGlyph, text: pending, hint: '订单完成后计入成长值', tone: 'info' })
  }
  return notes
}
