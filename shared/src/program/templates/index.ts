import type { ProgramRules } from '../program-rules'
import { apparelTemplate } from './apparel'
import { beautyTemplate } from './beauty'
import { electronicsTemplate } from './electronics'
import { fmcgTemplate } from './fmcg'
import { freshTemplate } from './fresh'

/** The industry templates a merchant starts from; every value stays editable in a draft. */
export const programTemplates = {
  fmcg: { name: '快消品', rules: fmcgTemplate },
  apparel: { name: '服饰', rules: apparelTemplate },
  electronics: { name: '3C 数码', rules: electronicsTemplate },
  beauty: { name: '美妆', rules: beautyTemplate },
  fresh: { name: '生鲜', rules: freshTemplate },
} as const satisfies Record<string, { name: string; rules: ProgramRules }>

export type ProgramTemplateKey = keyof typeof programTemplates
export const programTemplateKeys = Object.keys(programTemplates) as ProgramTemplateKey[]
