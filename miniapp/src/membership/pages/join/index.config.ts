export default definePageConfig({
  navigationBarTitleText: '开通会员',
  backgroundColor: '#f5f6f8',
})
