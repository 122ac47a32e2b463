import { createRouter, createWebHistory } from 'vue-router'
import { ensureSession, homeOf, session } from './session/session'
import { mayOpen } from './session/access'

// Route-level code splitting: each screen is its own chunk (the dashboard's charts are not in the first load).
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: { render: () => null }, beforeEnter: () => (session.user ? homeOf(session.user) : true) },
    { path: '/dashboard', name: 'dashboard', component: () => import('./dashboard/CountyDashboard.vue') },
    { path: '/townships/:name', name: 'township', component: () => import('./villages/TownshipMap.vue'), props: true },
    { path: '/townships/:name/matrix', name: 'matrix', component: () => import('./villages/PairingMatrix.vue'), props: true },
    { path: '/villages/:code', name: 'village', component: () => import('./villages/VillagePage.vue'), props: true },
    { path: '/organizations', name: 'organizations', component: () => import('./organizations/OrganizationsList.vue') },
    { path: '/partnerships', name: 'partnerships', component: () => import('./partnerships/PartnershipsList.vue') },
    { path: '/partnerships/new', name: 'partnership-new', component: () => import('./partnerships/PartnershipForm.vue') },
    { path: '/needs', name: 'needs', component: () => import('./needs/NeedsList.vue') },
    { path: '/needs/new', name: 'need-new', component: () => import('./needs/NeedForm.vue') },
    { path: '/projects', name: 'projects', component: () => import('./projects/ProjectsList.vue') },
    { path: '/funds', name: 'funds', component: () => import('./funds/FundsList.vue') },
    // township writes (console-a)
    { path: '/projects/new', name: 'project-new', component: () => import('./projects/ProjectForm.vue') },
    { path: '/projects/:id', name: 'project', component: () => import('./projects/ProjectPage.vue'), props: true },
    { path: '/funds/new', name: 'fund-new', component: () => import('./funds/FundForm.vue') },
    { path: '/funds/:id', name: 'fund', component: () => import('./funds/FundPage.vue'), props: true },
    { path: '/income', name: 'income', component: () => import('./income/IncomePage.vue') },
    { path: '/milestones/overdue', name: 'overdue-milestones', component: () => import('./milestones/OverdueMilestones.vue') },
    { path: '/funnel', name: 'funnel', component: () => import('./funnel/PairingFunnel.vue') },
    { path: '/organizations/new', name: 'organization-new', component: () => import('./organizations/OrganizationForm.vue') },
    // end of township writes (console-a)
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./components/NotFound.vue') },
  ],
})

// roles, accounts, import (console-b)
router.addRoute({ path: '/organization', name: 'organization-home', component: () => import('./organization/OrganizationHome.vue') })
router.addRoute({ path: '/accounts', name: 'accounts', component: () => import('./accounts/AccountsPage.vue') })
router.addRoute({ path: '/imports', name: 'imports', component: () => import('./imports/ImportsPage.vue') })
router.addRoute({ path: '/forbidden', name: 'forbidden', component: () => import('./session/ForbiddenPage.vue') })
// a screen of another role, reached by a deep link: explained (403) instead of a page whose every call is refused
router.beforeEach(async (to) => {
  const user = await ensureSession().catch(() => null)
  if (!user || to.name === 'forbidden' || mayOpen(to.path, user.roles)) return true
  return { name: 'forbidden', query: { from: to.fullPath }, replace: true }
})
