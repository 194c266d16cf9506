export default definePageConfig({ navigationBarTitleText: '会员名单' })
