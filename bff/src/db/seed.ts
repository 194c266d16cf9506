import { fmcgTemplate, newId } from '@mc/shared'
import type { Kysely } from 'kysely'
import { publishProgramVersion } from '../program/published-program'
import type { Database } from './schema'

/** Every install starts from the FMCG template as program version 1; merchants change it from there. */
export async function seedDefaults(db: Kysely<Database>, now: Date): Promise<void> {
  const existing = await db.selectFrom('program_versions').select('version').limit(1).execute()
  if (existing.length > 0) return
  await publishProgramVersion(db, { rules: fmcgTemplate, template: 'fmcg', note: '初始版本：快消品模板', publishedBy: 'system', now })
}

export const demoOutlets = [
  { id: 'outlet_xuhui', name: '徐汇旗舰店' },
  { id: 'outlet_jingan', name: '静安嘉里店' },
] as const

/** Demo data for a first start: stores to join from and a few members. Runs only on an empty members table. */
export async function seedDemo(db: Kysely<Database>, now: Date): Promise<boolean> {
  const anyMember = await db.selectFrom('members').select('id').limit(1).execute()
  if (anyMember.length > 0) return false
  const createdAt = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('outlets').values(demoOutlets.map((o) => ({ ...o, created_at: createdAt })))
      .onConflict((oc) => oc.column('id').doNothing()).execute()
    const demoMembers = [
      { phone: '13800000001', nickname: '林小夏', outlet: 'outlet_xuhui' },
      { phone: '13800000002', nickname: '陈一鸣', outlet: 'outlet_jingan' },
      { phone: '13800000003', nickname: '王悦', outlet: null },
    ]
    await trx.insertInto('members').values(demoMembers.map((m) => ({
      id: newId('mbr'), openid: null, unionid: null, phone: m.phone, nickname: m.nickname,
      joined_at: createdAt, source_outlet_id: m.outlet, source_channel: m.outlet ? 'outlet_qr' as const : 'shop' as const,
      created_at: createdAt,
    }))).execute()
  })
  return true
}
