// One view per workflow step.
import { createRouter, createWebHashHistory } from "vue-router";

export const VIEWS = [
  { path: "/inspections", name: "inspections", title: "巡察", icon: "Flag" },
  { path: "/intake", name: "intake", title: "问题录入", icon: "EditPen" },
  { path: "/assign", name: "assign", title: "责任分工", icon: "User" },
  { path: "/organisation", name: "organisation", title: "整改组织", icon: "OfficeBuilding" },
  { path: "/board", name: "board", title: "挂图作战", icon: "Grid" },
  { path: "/dashboard", name: "dashboard", title: "统计", icon: "DataAnalysis" },
  { path: "/export", name: "export", title: "导出与打印", icon: "Printer" },
  { path: "/exchange", name: "exchange", title: "交换", icon: "Switch" },
  { path: "/backup", name: "backup", title: "备份", icon: "FolderChecked" },
  { path: "/settings", name: "settings", title: "设置", icon: "Setting" },
] as const;

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: "/", redirect: "/inspections" },
    { path: "/inspections", name: "inspections", component: () => import("./views/InspectionsView.vue") },
    { path: "/intake", name: "intake", component: () => import("./views/IntakeView.vue") },
    { path: "/assign", name: "assign", component: () => import("./views/AssignView.vue") },
    { path: "/organisation", name: "organisation", component: () => import("./views/OrganisationView.vue") },
    { path: "/board", name: "board", component: () => import("./views/BoardView.vue") },
    { path: "/dashboard", name: "dashboard", component: () => import("./views/DashboardView.vue") },
    { path: "/export", name: "export", component: () => import("./views/ExportView.vue") },
    { path: "/exchange", name: "exchange", component: () => import("./views/ExchangeView.vue") },
    { path: "/backup", name: "backup", component: () => import("./views/BackupView.vue") },
    { path: "/settings", name: "settings", component: () => import("./views/SettingsView.vue") },
  ],
});
