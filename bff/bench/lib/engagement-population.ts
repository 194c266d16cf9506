import { daysTableSql, type GenDialect } from './insights-dialect'

/** WeChat template ids the bench configures, one per message category it sends in. */
export const benchTemplates = { offers: 'tpl-offers', points: 'tpl-points', care: 'tpl-care', tier: 'tpl-tier' }

/**
 * The engagement population as set-based statements, the same text on both engines except `GenDialect`'s few
 * expressions (so both get the very same rows), values from hashes of the member number so runs repeat.
 *
 * It is built so that **no journey is due** tonight, which is what the nightly run meets on most members on most
 * nights; the due sets are made afterwards by `engagement-due.ts`:
 * - every member ordered within the last 25 days (win-back waits 30), one order each, and has a points lot expiring
 *   10–359 days ahead (the reminder looks 7 ahead) and a growth lot 100–365 days ahead;
 * - tiers: 50 % 普通 with growth 1–200 (silver needs 500, so more than one typical order away), 40 % 白银 with
 *   500–1,400 (gold needs 2,000; retain 400 met), 10 % 黄金 with 2,000–4,000 (retain 1,600 met), validity ending
 *   45–364 days ahead (the retention reminders look 30 / 7 / 1 ahead);
 * - 70 % told their birthday, in January–November (the run's month is December: a December birthday is a due
 *   birthday, and the due sets add them);
 * - reach: 60 % have an openid, half of those (30 % of all) an unused one-time subscription for each of the three
 *   templates; 30 % consented to SMS; everybody has a phone.
 * - `member_insights` as the nightly insights job leaves it (segments filter on it).
 */
export function engagementPopulationSql(g: GenDialect, members: number, today: string): string[] {
  const h = g.hash('i')
  const h2 = g.hash('i', true)
  const n8 = g.pad('i', 8)
  const at = (dayColumn: string, hour: string) => `${dayColumn} || 'T${hour}:00:00.000Z'`
  return [
    ...daysTableSql(today, 400, 400),
    `create temp table bench_pop as select i, 'mbr_' || ${n8} as id,
      case when ${h} % 100 < 10 then 'gold' when ${h} % 100 < 50 then 'silver' else 'regular' end as tier,
      case when ${h} % 100 < 10 then 2000 + (${h} / 100) % 2001 when ${h} % 100 < 50 then 500 + (${h} / 100) % 901
        else 1 + (${h} / 100) % 200 end as growth,
      1 + (${h} / 1000) % 5000 as points,
      ${h} % 10 as reach, ${h2} % 10 as told,
      1 + (${h2} / 10) % 11 as bmonth, 1 + (${h2} / 200) % 28 as bday, 1970 + (${h2} / 7000) % 35 as byear,
      -(100 + i % 266) as growth_d, -(10 + (i * 7) % 350) as points_d, -(45 + (i * 13) % 320) as valid_d,
      1 + i % 25 as order_d, 3000 + (${h2} / 100) % 15000 as paid_fen, 200 + ${h} % 200 as joined_d
      from ${g.series(members)} s`,
    `insert into members (id, openid, unionid, phone, nickname, joined_at, source_outlet_id, source_channel,
        birthday, created_at)
      select p.id, case when p.reach < 6 then 'o_bench_' || ${g.pad('p.i', 8)} end, null,
        '13' || ${g.pad('p.i', 9)}, '会员' || p.i, ${at('d.day', '02')}, null, 'shop',
        case when p.told < 7 then p.byear || '-' || ${g.pad('p.bmonth', 2)} || '-' || ${g.pad('p.bday', 2)} end,
        ${at('d.day', '02')}
      from bench_pop p join bench_days d on d.d = p.joined_d`,
    ...(['growth', 'points'] as const).flatMap((ledger) => {
      const [entry, lot, amount, dayColumn] =
        ledger === 'growth' ? ['gre', 'glt', 'growth', 'growth_d'] : ['pte', 'plt', 'points', 'points_d']
      return [
        `insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id, ref_type, ref_id,
            idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after, account_version,
            business_day, occurred_at, created_at)
          select '${entry}_' || ${g.pad('p.i', 8)}, p.id, '${ledger}', p.${amount}, 'order', '订单 GEN-' || p.i,
            'system', null, 'order', 'GEN-' || ${g.pad('p.i', 8)}, 'order:GEN-' || ${g.pad('p.i', 8)} || ':${ledger}',
            null, null, '${lot}_' || ${g.pad('p.i', 8)}, 1, p.${amount}, 1, d.day, ${at('d.day', '04')},
            ${at('d.day', '04')}
          from bench_pop p join bench_days d on d.d = 200`,
        `insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
          select '${lot}_' || ${g.pad('p.i', 8)}, p.id, '${ledger}', '${entry}_' || ${g.pad('p.i', 8)}, p.${amount},
            p.${amount}, ${at('d.day', '00')}, ${at('c.day', '04')}
          from bench_pop p join bench_days d on d.d = p.${dayColumn} join bench_days c on c.d = 200`,
        `insert into ledger_accounts (member_id, ledger, balance, held, version)
          select id, '${ledger}', ${amount}, 0, 1 from bench_pop`,
      ]
    }),
    `insert into member_tiers (member_id, tier_key, valid_until, since, rule_version)
      select p.id, p.tier, case when p.tier = 'regular' then null else d.day end, ${at('c.day', '04')}, 1
      from bench_pop p join bench_days d on d.d = p.valid_d join bench_days c on c.d = 200`,
    `insert into orders (order_id, member_id, status, paid_fen, refunded_fen, growth_earned, points_earned,
        growth_credited, points_credited, growth_entry_id, points_entry_id, rule_version, outlet_id, source, paid_at,
        completed_at)
      select 'GEN-' || ${g.pad('p.i', 8)}, p.id, 'completed', p.paid_fen, 0, p.paid_fen / 100, p.paid_fen / 100,
        p.paid_fen / 100, p.paid_fen / 100, null, null, 1, null, 'online', ${at('d.day', '04')}, ${at('d.day', '04')}
      from bench_pop p join bench_days d on d.d = p.order_d`,
    `insert into member_insights (member_id, as_of_day, last_order_day, first_order_day, repurchased_30d,
        recency_days, frequency, monetary_fen, r_score, f_score, m_score, rfm_group, lifecycle, clv_fen, orders_30d,
        spend_30d_fen, orders_90d, spend_90d_fen)
      select p.id, y.day, d.day, d.day, 0, p.order_d, 1, p.paid_fen, 5 - (p.order_d - 1) / 5, 1, 1 + p.paid_fen / 3600,
        case when p.paid_fen >= 10000 then 'important_develop' else 'general_develop' end, 'active', p.paid_fen,
        1, p.paid_fen, 1, p.paid_fen
      from bench_pop p join bench_days d on d.d = p.order_d join bench_days y on y.d = 1`,
    `insert into member_notification_prefs (member_id, muted_categories, sms_consent_at, sms_opted_out_at,
        updated_at)
      select p.id, '[]', ${at('d.day', '04')}, null, ${at('d.day', '04')}
      from bench_pop p join bench_days d on d.d = 100 where (p.told + p.reach) % 10 < 3`,
    ...Object.values(benchTemplates)
      .slice(0, 3)
      .map(
        (template, n) => `insert into wechat_subscriptions (id, member_id, template_id, accepted_at, used_at,
            outbox_id, spent_reason)
          select 'wsb_${n}_' || ${g.pad('p.i', 8)}, p.id, '${template}', ${at('d.day', '04')}, null, null, null
          from bench_pop p join bench_days d on d.d = 20 where p.reach < 3`,
      ),
    'drop table bench_pop',
  ]
}
