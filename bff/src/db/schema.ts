import type { ColumnType } from 'kysely'

/** Timestamps are ISO 8601 UTC strings on both engines, so they compare the same way everywhere. */
type Timestamp = string

export interface MembersTable {
  id: string
  openid: string | null
  unionid: string | null
  phone: string | null
  nickname: string
  joined_at: Timestamp | null
  source_outlet_id: string | null
  source_channel: 'outlet_qr' | 'shop' | null
  created_at: ColumnType<Timestamp, Timestamp, never>
}

/** Only a SHA-256 of the session token is stored, so a leaked table cannot be replayed as sessions. */
export interface SessionsTable {
  token_hash: string
  member_id: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

/** The WeChat session key stays here; it is needed later to decrypt WeChat data and is never sent anywhere. */
export interface WechatSessionsTable {
  member_id: string
  session_key: string
  updated_at: Timestamp
}

export interface OutletsTable {
  id: string
  name: string
  created_at: ColumnType<Timestamp, Timestamp, never>
}

export interface TiersTable {
  id: string
  name: string
  threshold: number
  position: number
}

export interface Database {
  members: MembersTable
  sessions: SessionsTable
  wechat_sessions: WechatSessionsTable
  outlets: OutletsTable
  tiers: TiersTable
}
