/**
 * The demo's stores with what a shopper needs to find one for a pickup. The short demo has the first two; the
 * demo year adds the third, which opened with the program. Addresses and numbers are made up for the demo.
 */
export const demoStores = [
  {
    id: 'outlet_xuhui',
    name: '徐汇旗舰店',
    address: '上海市徐汇区漕溪北路 88 号 1 层 L112',
    opening_hours: '每日 10:00–22:00',
    phone: '021-6438 0101',
  },
  {
    id: 'outlet_jingan',
    name: '静安嘉里店',
    address: '上海市静安区南京西路 1515 号嘉里中心 B1 层 B128',
    opening_hours: '每日 10:00–22:00',
    phone: '021-6288 0202',
  },
  {
    id: 'outlet_pudong',
    name: '浦东正大店',
    address: '上海市浦东新区陆家嘴西路 168 号正大广场 3 层 312',
    opening_hours: '周一至周五 10:00–22:00，周末 09:30–22:30',
    phone: '021-5047 0303',
  },
] as const
