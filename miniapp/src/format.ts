// Hand-rolled formatting: the weapp runtime's Intl support varies by device, and these strings must read the same
// on every phone.

/** 1280 → "1,280"; negative numbers keep their sign ("-80"). */
export function groupThousands(value: number): string {
  const whole = Math.trunc(value)
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return whole < 0 ? `-${digits}` : digits
}

/** Integer fen as a price: 20000 → "¥200", 8650 → "¥86.50", 120000 → "¥1,200"; whole yuan show no decimals. */
export function yuanFromFen(fen: number): string {
  const total = Math.max(0, Math.round(fen))
  const yuan = Math.floor(total / 100)
  const cents = total % 100
  return cents === 0 ? `¥${groupThousands(yuan)}` : `¥${groupThousands(yuan)}.${String(cents).padStart(2, '0')}`
}

/** A business day "2027-11-23" as "2027年11月23日"; anything else is returned unchanged. */
export function chineseDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}
