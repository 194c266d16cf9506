// enableShareAppMessage lets the weapp's menu and the share button send this page; the callback posts the share.
export default definePageConfig({ navigationBarTitleText: '任务中心', enableShareAppMessage: true })
