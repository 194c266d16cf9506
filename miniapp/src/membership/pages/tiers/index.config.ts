export default definePageConfig({
  navigationBarTitleText: '等级权益',
  enablePullDownRefresh: true,
  backgroundColor: '#f5f6f8',
})
