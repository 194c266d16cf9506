export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  // Each domain beyond the home and login screens ships as a subpackage to keep the main package small.
  subPackages: [
    { root: 'membership', pages: ['pages/join/index', 'pages/tiers/index'] },
    { root: 'points', pages: ['pages/history/index', 'pages/expiring/index'] },
    { root: 'sign-in', pages: ['pages/calendar/index'] },
    { root: 'member-code', pages: ['pages/code/index'] },
    { root: 'benefits', pages: ['pages/list/index'] },
    { root: 'inbox', pages: ['pages/list/index'] },
    { root: 'staff', pages: ['pages/login/index', 'pages/till/index', 'pages/pickup/index'] },
    {
      root: 'mall',
      pages: [
        'pages/list/index',
        'pages/item/index',
        'pages/checkout/index',
        'pages/pay/index',
        'pages/redemptions/index',
        'pages/redemption/index',
      ],
    },
    {
      root: 'merchant',
      pages: [
        'pages/login/index',
        'pages/home/index',
        'pages/operators/index',
        'pages/audit/index',
        'pages/program/index',
        'pages/draft/index',
        'pages/versions/index',
        'pages/mall/index',
        'pages/mall-item/index',
        'pages/stores/index',
        'pages/members/index',
        'pages/member/index',
        'pages/staff/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'black',
  },
})
