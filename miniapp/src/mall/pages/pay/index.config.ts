export default definePageConfig({ navigationBarTitleText: '收银台', backgroundColor: '#f5f6f8' })
