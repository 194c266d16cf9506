export default definePageConfig({ navigationBarTitleText: '渠道设置' })
