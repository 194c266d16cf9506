export default definePageConfig({
  navigationBarTitleText: '兑换详情',
  enablePullDownRefresh: true,
  backgroundColor: '#f5f6f8',
})
