import { createApp } from 'vue'
import {
  ElAlert, ElButton, ElCard, ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider, ElDatePicker, ElDescriptions,
  ElDescriptionsItem, ElEmpty, ElForm, ElFormItem, ElInput, ElMenu, ElMenuItem, ElOption, ElPagination, ElProgress,
  ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSkeleton, ElStatistic, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag, ElLoading, ElRadio, ElTimeline, ElDialog,
} from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import './styles.css'

const app = createApp(App)
for (const c of [ElAlert, ElButton, ElCard, ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider, ElDatePicker, ElDescriptions,
  ElDescriptionsItem, ElEmpty, ElForm, ElFormItem, ElInput, ElMenu, ElMenuItem, ElOption, ElPagination, ElProgress,
  ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSkeleton, ElStatistic, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag, ElLoading, ElRadio, ElTimeline, ElDialog]) {
  app.use(c)
}
app.use(i18n).use(router).mount('#app')
// the county's first screen: fetch its chunk (ECharts) while /session is asked, not after
if (location.pathname === '/' || location.pathname.startsWith('/dashboard')) void import('./dashboard/CountyDashboard.vue')
