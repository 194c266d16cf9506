export default definePageConfig({
  navigationBarTitleText: '成长值明细',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
  backgroundColor: '#f5f6f8',
})
