export default definePageConfig({
  navigationBarTitleText: '即将过期积分',
  enablePullDownRefresh: true,
  backgroundColor: '#f5f6f8',
})
