export default definePageConfig({ navigationBarTitleText: '确认兑换', backgroundColor: '#f5f6f8' })
