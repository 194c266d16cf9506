export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  // Each domain beyond the home and login screens ships as a subpackage to keep the main package small.
  subPackages: [
    { root: 'membership', pages: ['pages/join/index', 'pages/tiers/index'] },
    { root: 'points', pages: ['pages/history/index', 'pages/expiring/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'black',
  },
})
