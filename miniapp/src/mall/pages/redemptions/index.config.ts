export default definePageConfig({
  navigationBarTitleText: '我的兑换',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
  backgroundColor: '#f5f6f8',
})
