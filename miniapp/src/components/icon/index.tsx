import type { ComponentProps, FunctionComponent, ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { Gift } from '@nutui/icons-react-taro'
import './index.css'

/** One icon of the set in `./glyphs` (any NutUI icon component). */
export type Glyph = FunctionComponent<ComponentProps<typeof Gift>>

/** Icon sizes in design pixels of the 750-wide layout: 28, 40 (default), 48 or 56. */
export type IconSize = 's' | 'm' | 'l' | 'xl'

export interface IconProps {
  glyph: Glyph
  size?: IconSize
  /** Any CSS colour; without it the icon takes the text colour around it. */
  color?: string
  className?: string
}

/**
 * One icon, drawn in the surrounding text colour (NutUI draws its SVG as a mask over `currentColor`), sized by
 * class so pxtransform scales it like the rest of the page on H5 and weapp.
 */
export function Icon({ glyph: GlyphIcon, size = 'm', color, className }: IconProps) {
  return <GlyphIcon className={`mc-icon mc-icon--${size}${className ? ` ${className}` : ''}`} color={color} />
}

/** Colour families of icon tiles. */
export type IconTone = 'green' | 'orange' | 'dark' | 'gold' | 'blue' | 'red' | 'grey'

export interface IconTileProps {
  glyph: Glyph
  tone: IconTone
  /** `solid`: white icon on a gradient (shortcuts); `soft`: tone-coloured icon on a pale tint (rows, tiles). */
  look?: 'solid' | 'soft'
  size?: 'm' | 'l'
  className?: string
  /** Drawn over the tile's corner, e.g. an unread count. */
  children?: ReactNode
}

/** An icon on a rounded tile: the shortcuts, benefit tiles, inbox rows and notes all start with one. */
export function IconTile({ glyph, tone, look = 'soft', size = 'm', className, children }: IconTileProps) {
  return (
    <View
      className={`mc-icon-tile mc-icon-tile--${size} mc-icon-tile--${look}-${tone}${className ? ` ${className}` : ''}`}
    >
      <Icon glyph={glyph} size={size === 'l' ? 'l' : 's'} />
      {children}
    </View>
  )
}
