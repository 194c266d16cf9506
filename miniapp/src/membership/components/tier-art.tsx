import { Image, View } from '@tarojs/components'
import './tier-art.css'

/**
 * The artwork behind a member-card face (`.tier-face`): a fine diagonal guilloché, a sheen, and the tier's emblem
 * drawn large and faint in the corner. Emblems climb with the tier's place on the ladder (a starred ring, a
 * shield, a crown, a cut gem), so every program gets art without the merchant uploading any. Drawn for this
 * project as a few hundred bytes of SVG.
 */
export interface TierArtProps {
  /** The tier's place on the ladder, 0 for the entry tier. */
  rank: number
}

const star = 'M50 30l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L50 60.1l-11.7 6.2 2.2-13.1-9.5-9.3 13.1-1.9z'

const emblems = [
  `<circle cx="50" cy="50" r="42" fill="none" stroke="#fff" stroke-width="4"/>` +
    `<circle cx="50" cy="50" r="33" fill="none" stroke="#fff" stroke-width="1.5"/><path d="${star}" fill="#fff"/>`,
  `<path d="M50 6l38 13v29c0 23-16 39-38 46C28 87 12 71 12 48V19z" fill="none" stroke="#fff" stroke-width="4"/>` +
    `<path d="${star}" fill="#fff"/>`,
  `<path d="M12 76l-4-46 22 18 20-30 20 30 22-18-4 46z" fill="none" stroke="#fff" stroke-width="4" ` +
    `stroke-linejoin="round"/><rect x="12" y="82" width="76" height="7" rx="3" fill="#fff"/>` +
    `<circle cx="50" cy="56" r="7" fill="#fff"/>`,
  `<path d="M26 14h48l20 26-44 50L6 40z" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"/>` +
    `<path d="M6 40h88M38 14l-8 26 20 50 20-50-8-26" fill="none" stroke="#fff" stroke-width="2.5"/>`,
]

/** The emblem of the tier at `rank` as an SVG data URL (tiers beyond the fourth keep the gem). */
export function tierEmblemUrl(rank: number): string {
  const shape = emblems[Math.min(Math.max(0, rank), emblems.length - 1)]
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${shape}</svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

export function TierArt({ rank }: TierArtProps) {
  return (
    <View className='tier-art' aria-hidden>
      <View className='tier-art__pattern' />
      <View className='tier-art__sheen' />
      <Image className='tier-art__emblem' src={tierEmblemUrl(rank)} mode='aspectFit' />
    </View>
  )
}
